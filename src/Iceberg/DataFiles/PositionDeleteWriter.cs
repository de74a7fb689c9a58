using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>Writes Iceberg position delete files: (file_path, pos) rows sorted by path then position, as the spec requires.</summary>
public static class PositionDeleteWriter
{
    public const int FilePathFieldId = 2147483546;
    public const int PosFieldId = 2147483545;

    public static readonly Schema Schema = new(0,
    [
        NestedField.RequiredField(FilePathFieldId, "file_path", PrimitiveType.String),
        NestedField.RequiredField(PosFieldId, "pos", PrimitiveType.Long),
    ]);

    public static async Task<DataFile> WriteAsync(
        IEnumerable<(string FilePath, long Position)> deletes,
        Stream output,
        string filePath,
        StructValue? partition = null,
        ParquetWriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deletes);
        var sorted = deletes.Order(Comparer<(string FilePath, long Position)>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.FilePath, b.FilePath);
            return c != 0 ? c : a.Position.CompareTo(b.Position);
        }));
        await using var writer = await ParquetDataWriter.CreateAsync(Schema, output, options, cancellationToken);
        foreach (var (path, pos) in sorted)
        {
            await writer.WriteAsync([path, pos], cancellationToken);
        }

        return await writer.CompleteAsync(filePath, partition, DataFileContent.PositionDeletes, equalityIds: null, cancellationToken);
    }
}
