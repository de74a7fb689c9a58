using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// Loads each step assembly once per file version (path, size and write time), each in its own
/// <see cref="StepAssemblyLoadContext"/>. A redeployed file is loaded again under the new version; the old context
/// stays in memory (contexts are not collectible, so types handed to running steps never disappear under them).
/// </summary>
public sealed class StepAssemblyCache
{
    private readonly ConcurrentDictionary<(string Path, long Length, DateTime WrittenUtc), Lazy<Assembly>> _assemblies = new();
    private readonly ILogger<StepAssemblyCache> _logger;

    public StepAssemblyCache(ILogger<StepAssemblyCache> logger)
    {
        _logger = logger;
    }

    /// <summary>Loads (or returns the already loaded) assembly at a full path. Throws <see cref="FileNotFoundException"/> when missing.</summary>
    public Assembly Load(string fullPath)
    {
        var file = new FileInfo(fullPath);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"Step assembly '{fullPath}' does not exist.", fullPath);
        }

        var key = (file.FullName, file.Length, file.LastWriteTimeUtc);
        var lazy = _assemblies.GetOrAdd(key, k => new Lazy<Assembly>(() =>
        {
            _logger.LogInformation("Loading step assembly {Path}", k.Path);
            return new StepAssemblyLoadContext(k.Path).LoadFromAssemblyPath(k.Path);
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Do not cache a failure: the file may be fixed by the next attempt.
            _assemblies.TryRemove(new KeyValuePair<(string, long, DateTime), Lazy<Assembly>>(key, lazy));
            throw;
        }
    }
}
