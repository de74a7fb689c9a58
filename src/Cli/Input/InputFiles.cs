using System.Text;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Input;

/// <summary>Reads a whole input file into rows before anything is written, so a bad row commits nothing.</summary>
internal static class InputFiles
{
    public static async Task<IReadOnlyList<object?[]>> ReadAsync(string path, Schema schema, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.BadInput, $"input file '{path}' does not exist.");
        }

        var name = Path.GetFileName(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".csv":
                {
                    using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                    return await CsvRowReader.ReadAsync(reader, name, schema, cancellationToken);
                }

            case ".jsonl" or ".ndjson":
                {
                    using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                    return await JsonlRowReader.ReadAsync(reader, name, schema, cancellationToken);
                }

            case ".parquet":
                {
                    await using var stream = File.OpenRead(path);
                    return await ParquetRowReader.ReadAsync(stream, name, schema, cancellationToken);
                }

            default:
                throw new CliException(ExitCodes.BadInput, $"input file '{path}': unknown format '{extension}'; expected .csv, .jsonl or .parquet.");
        }
    }
}
