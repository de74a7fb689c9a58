namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>Reads position delete files into data file path -&gt; deleted row positions.</summary>
public static class PositionDeleteReader
{
    public static Task<IReadOnlyDictionary<string, IReadOnlySet<long>>> ReadAsync(byte[] file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ReadAsync(new MemoryStream(file, writable: false), cancellationToken);
    }

    public static async Task<IReadOnlyDictionary<string, IReadOnlySet<long>>> ReadAsync(Stream file, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        await foreach (var batch in ParquetDataReader.ReadBatchesAsync(file, PositionDeleteWriter.Schema, cancellationToken))
        {
            foreach (var row in batch.Rows)
            {
                var path = row[0] as string ?? throw new InvalidDataException("Position delete row without file_path.");
                var pos = row[1] as long? ?? throw new InvalidDataException("Position delete row without pos.");
                if (!result.TryGetValue(path, out var set))
                {
                    set = [];
                    result[path] = set;
                }

                set.Add(pos);
            }
        }

        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<long>)kv.Value, StringComparer.Ordinal);
    }
}
