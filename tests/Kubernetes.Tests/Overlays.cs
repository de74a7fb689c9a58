namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>Every kustomization the repository ships (the base and each overlay), rendered once for all tests.</summary>
public sealed class Overlays : IAsyncLifetime
{
    public const string Base = "k8s/base";
    public const string Dev = "k8s/overlays/dev";
    public const string Prod = "k8s/overlays/prod";
    public const string ProdServiceMonitor = "k8s/overlays/prod-servicemonitor";

    private readonly Dictionary<string, Manifest> _rendered = [];

    /// <summary>The base and every folder under k8s/overlays, found on disk so a new overlay is tested without listing it.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Base,
        .. Directory.GetDirectories(Path.Combine(RepoPaths.Root, "k8s", "overlays"))
            .Select(d => $"k8s/overlays/{Path.GetFileName(d)}")
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>For xunit theories over every kustomization.</summary>
    public static TheoryData<string> Names => [.. All];

    internal Manifest this[string directory] => _rendered[directory];

    public async Task InitializeAsync()
    {
        // Sequential on purpose: two cores are shared, and each render takes well under a second.
        foreach (var directory in All)
        {
            _rendered[directory] = await Manifest.RenderAsync(directory, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
