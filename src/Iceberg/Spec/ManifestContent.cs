namespace OrleansMaestro.Iceberg.Spec;

/// <summary>The <c>content</c> of a manifest: data files or delete files.</summary>
public enum ManifestContent
{
    Data = 0,
    Deletes = 1,
}
