namespace OrleansMaestro.Iceberg.Spec;

/// <summary>The <c>status</c> of a manifest entry.</summary>
public enum ManifestEntryStatus
{
    Existing = 0,
    Added = 1,
    Deleted = 2,
}
