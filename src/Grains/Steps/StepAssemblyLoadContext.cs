using System.Reflection;
using System.Runtime.Loader;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// Loads one step assembly with its own private dependencies (from its <c>.deps.json</c>), while every assembly the
/// silo already has — above all <c>OrleansMaestro.Abstractions</c>, where <see cref="Abstractions.Steps.IWorkflowStep"/>
/// lives — comes from the default context. Sharing those is what makes the step's class castable to the interface.
/// </summary>
internal sealed class StepAssemblyLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    public StepAssemblyLoadContext(string assemblyPath)
        : base($"maestro-step:{Path.GetFileName(assemblyPath)}", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null; // falls back to the default context
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static bool IsShared(AssemblyName name) =>
        string.Equals(name.Name, "OrleansMaestro.Abstractions", StringComparison.Ordinal)
        || Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name.Name, StringComparison.Ordinal));
}
