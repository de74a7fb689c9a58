using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>How to resolve the columns of a Parquet file that are not found by field id (spec: "Column Projection").</summary>
public sealed record ParquetReadOptions
{
    /// <summary>
    /// For files without field ids (imported ones): the table's name mapping gives the names a field's column may have.
    /// Without a mapping such files are matched by the current column names.
    /// </summary>
    public NameMapping? NameMapping { get; init; }

    /// <summary>
    /// Values of top-level fields the file does not hold, by field id: the identity partition values of the file's
    /// manifest entry, as Hive-layout files keep partition columns in the path only.
    /// </summary>
    public IReadOnlyDictionary<int, object?>? MissingColumnValues { get; init; }
}
