using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Values;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Input;

/// <summary>
/// Reads a CSV file (RFC 4180, comma-separated, first row a header naming columns) into rows aligned with the schema.
/// Values use <see cref="ValueText"/>'s text forms; an empty field is null (so CSV cannot hold an empty string: use JSONL).
/// </summary>
internal static class CsvRowReader
{
    public static async Task<IReadOnlyList<object?[]>> ReadAsync(TextReader input, string fileName, Schema schema, CancellationToken cancellationToken)
    {
        var map = new ColumnMap(schema, fileName);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Column names are matched exactly (Iceberg names are case-sensitive); do not trim or rewrite them.
            DetectColumnCountChanges = false,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(input, config);
        if (!await csv.ReadAsync())
        {
            throw new RowParseException(fileName, 1, null, null, "the file is empty; expected a header row naming the columns");
        }

        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var headerLine = csv.Parser.RawRow;
        var indexes = new int[header.Length];
        for (var c = 0; c < header.Length; c++)
        {
            indexes[c] = map.IndexOf(header[c], headerLine);
            if (Array.IndexOf(indexes, indexes[c], 0, c) >= 0)
            {
                throw new RowParseException(fileName, headerLine, header[c], null, "column appears twice in the header");
            }
        }

        map.RequireColumns(indexes, headerLine);
        var rows = new List<object?[]>();
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // RawRow counts physical lines (a quoted field spanning lines counts each), so it matches an editor's line number.
            long line = csv.Parser.RawRow;
            var record = csv.Parser.Record ?? [];
            if (record.Length == 1 && record[0].Length == 0 && header.Length > 1)
            {
                continue; // a blank line
            }

            if (record.Length != header.Length)
            {
                throw new RowParseException(fileName, line, null, null, $"has {record.Length} fields; the header has {header.Length}");
            }

            var row = new object?[schema.Fields.Count];
            for (var c = 0; c < record.Length; c++)
            {
                var text = record[c];
                row[indexes[c]] = text.Length == 0 ? null : map.Convert(indexes[c], text, line, type => ValueText.Parse(text, type));
            }

            map.CheckRequired(row, line);
            rows.Add(row);
        }

        return rows;
    }
}
