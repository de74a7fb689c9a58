using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// Writes Iceberg equality delete files: rows of the delete schema (the table's equality columns, with
/// the table's field ids), recorded in the returned <see cref="DataFile.EqualityIds"/>.
/// </summary>
public static class EqualityDeleteWriter
{
    public static async Task<DataFile> WriteAsync(
        Schema deleteSchema,
        IReadOnlyList<int> equalityFieldIds,
        IEnumerable<object?[]> rows,
        Stream output,
        string filePath,
        StructValue? partition = null,
        ParquetWriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deleteSchema);
        ArgumentNullException.ThrowIfNull(equalityFieldIds);
        ArgumentNullException.ThrowIfNull(rows);
        if (equalityFieldIds.Count == 0)
        {
            throw new ArgumentException("An equality delete file needs at least one equality field id.", nameof(equalityFieldIds));
        }

        foreach (var id in equalityFieldIds)
        {
            if (deleteSchema.Struct.FieldById(id) is not { Type.IsPrimitive: true })
            {
                throw new ArgumentException($"Equality field id {id} is not a top-level primitive column of the delete schema.", nameof(equalityFieldIds));
            }
        }

        await using var writer = await ParquetDataWriter.CreateAsync(deleteSchema, output, options, cancellationToken);
        await writer.WriteAsync(rows, cancellationToken);
        return await writer.CompleteAsync(filePath, partition, DataFileContent.EqualityDeletes, equalityFieldIds.ToArray(), cancellationToken);
    }
}
