using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>Reads equality delete files into key tuples on the equality field ids (columns matched by id).</summary>
public static class EqualityDeleteReader
{
    /// <summary>Reads the keys; <paramref name="tableSchema"/> types the columns, <paramref name="equalityFieldIds"/> is the file's <c>equality_ids</c>.</summary>
    public static async Task<EqualityDeletes> ReadAsync(Stream file, Schema tableSchema, IReadOnlyList<int> equalityFieldIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tableSchema);
        ArgumentNullException.ThrowIfNull(equalityFieldIds);
        var fields = equalityFieldIds
            .Select(id => tableSchema.FindField(id) ?? throw new ArgumentException($"Equality field id {id} is not in the table schema.", nameof(equalityFieldIds)))
            .ToArray();
        var projection = new Schema(tableSchema.SchemaId, fields);
        var keys = new List<StructValue>();
        await foreach (var batch in ParquetDataReader.ReadBatchesAsync(file, projection, cancellationToken))
        {
            keys.AddRange(batch.Rows.Select(r => new StructValue(r)));
        }

        return new EqualityDeletes(equalityFieldIds, keys);
    }

    public static Task<EqualityDeletes> ReadAsync(byte[] file, Schema tableSchema, IReadOnlyList<int> equalityFieldIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ReadAsync(new MemoryStream(file, writable: false), tableSchema, equalityFieldIds, cancellationToken);
    }
}
