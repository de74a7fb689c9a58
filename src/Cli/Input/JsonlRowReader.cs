using System.Text.Json;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Values;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Input;

/// <summary>
/// Reads JSON Lines: one JSON object per line, properties named like the columns. Blank lines are skipped; a missing
/// property or JSON null is null. Values are JSON numbers/booleans or strings in <see cref="ValueText"/>'s text forms.
/// </summary>
internal static class JsonlRowReader
{
    public static async Task<IReadOnlyList<object?[]>> ReadAsync(TextReader input, string fileName, Schema schema, CancellationToken cancellationToken)
    {
        var map = new ColumnMap(schema, fileName);
        var rows = new List<object?[]>();
        long line = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new RowParseException(fileName, line, null, null, $"not valid JSON: {e.Message}");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new RowParseException(fileName, line, null, null, "expected a JSON object per line");
                }

                var row = new object?[schema.Fields.Count];
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var index = map.IndexOf(property.Name, line);
                    var value = property.Value;
                    row[index] = map.Convert(index, value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(), line, type => ValueText.FromJson(value, type));
                }

                map.CheckRequired(row, line);
                rows.Add(row);
            }
        }

        return rows;
    }
}
