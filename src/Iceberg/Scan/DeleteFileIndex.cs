using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Scan;

/// <summary>
/// Finds the delete files that apply to a data file (spec: "Scan Planning"): a position delete applies to data files
/// with a data sequence number less than or equal to its own; an equality delete to those with a strictly smaller one.
/// Deletes in a partitioned spec apply within their partition; equality deletes of an unpartitioned spec apply globally.
/// </summary>
internal sealed class DeleteFileIndex
{
    private readonly List<(DataFile File, long Sequence)> _deletes = [];
    private readonly TableMetadata _metadata;

    public DeleteFileIndex(TableMetadata metadata)
    {
        _metadata = metadata;
    }

    public bool IsEmpty => _deletes.Count == 0;

    public void Add(ManifestEntry entry) => _deletes.Add((entry.DataFile, entry.SequenceNumber ?? 0));

    public IReadOnlyList<DataFile> For(DataFile dataFile, long dataSequenceNumber)
    {
        if (_deletes.Count == 0)
        {
            return [];
        }

        var result = new List<DataFile>();
        foreach (var (file, sequence) in _deletes)
        {
            var applies = file.Content switch
            {
                DataFileContent.PositionDeletes => sequence >= dataSequenceNumber && SamePartitionOrGlobal(file, dataFile),
                DataFileContent.EqualityDeletes => sequence > dataSequenceNumber && SamePartitionOrGlobal(file, dataFile),
                _ => false,
            };
            if (applies)
            {
                result.Add(file);
            }
        }

        return result;
    }

    private bool SamePartitionOrGlobal(DataFile delete, DataFile data) =>
        _metadata.SpecById(delete.SpecId).IsUnpartitioned
        || (delete.SpecId == data.SpecId && delete.Partition.Equals(data.Partition));
}
