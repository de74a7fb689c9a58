namespace OrleansMaestro.Iceberg.Spec;

/// <summary>The <c>content</c> of a data file entry (spec: "Manifests").</summary>
public enum DataFileContent
{
    Data = 0,
    PositionDeletes = 1,
    EqualityDeletes = 2,
}
