using System.Text.Json.Nodes;

namespace OrleansMaestro.Testing;

/// <summary>
/// A table written by tests/tools/write-iceberg.mjs (see <see cref="ForeignTableWriter"/>): where its files are and,
/// per snapshot, what a correct reader must return.
/// </summary>
/// <param name="Location">The table location written into its metadata (a path, <c>file:</c> or <c>s3a://</c> URI).</param>
/// <param name="MetadataLocations">Every metadata file, oldest (the empty table) first.</param>
/// <param name="Snapshots">The snapshots, oldest first.</param>
public sealed record ForeignTable(int FormatVersion, string Location, IReadOnlyList<string> MetadataLocations, IReadOnlyList<ForeignSnapshot> Snapshots)
{
    public ForeignSnapshot Current => Snapshots[^1];
}

/// <param name="MetadataLocation">The metadata file this snapshot made current.</param>
/// <param name="DataFiles">The data files live in this snapshot.</param>
/// <param name="DeleteFiles">The delete files live in this snapshot.</param>
/// <param name="Rows">
/// The rows after deletes, sorted by id, one JSON object per row keyed by column name: decimals as strings, dates as
/// <c>YYYY-MM-DD</c>, timestamptz as ISO-8601 UTC with six fraction digits, NaN as <c>{"$number": "NaN"}</c>.
/// </param>
public sealed record ForeignSnapshot(
    long SnapshotId,
    long? ParentSnapshotId,
    long SequenceNumber,
    string Operation,
    string MetadataLocation,
    IReadOnlyList<ForeignFile> DataFiles,
    IReadOnlyList<ForeignFile> DeleteFiles,
    IReadOnlyList<JsonObject> Rows);

/// <param name="Content">0 data, 1 position deletes, 2 equality deletes (the manifests' data_file.content).</param>
/// <param name="Partition">Partition values by partition field name, as text (days as <c>YYYY-MM-DD</c>).</param>
public sealed record ForeignFile(string Path, int Content, IReadOnlyDictionary<string, string> Partition, long RecordCount);
