namespace OrleansMaestro.Iceberg.Spec;

/// <summary>The values of a snapshot summary's <c>operation</c> key.</summary>
public static class SnapshotOperation
{
    public const string Append = "append";
    public const string Replace = "replace";
    public const string Overwrite = "overwrite";
    public const string Delete = "delete";
}
