using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Scan;

/// <summary>A scan's row filter, bound to the table, and the pruning it allows on manifests, files and rows.</summary>
internal sealed class ScanFilter
{
    public static readonly ScanFilter None = new();

    public bool MayMatch(ManifestFile manifest) => true;

    public bool MayMatch(DataFile file) => true;

    public bool Matches(Func<int, object?> valueOfField) => true;
}
