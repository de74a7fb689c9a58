using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using OrleansMaestro.Cli.Values;
using Spectre.Console;

namespace OrleansMaestro.Cli.Output;

/// <summary>Prints rows in the chosen <see cref="OutputFormat"/>. CSV and JSON Lines stream; the terminal table buffers.</summary>
public sealed class ResultPrinter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter _out;
    private readonly OutputFormat _format;

    public ResultPrinter(TextWriter output, OutputFormat format)
    {
        _out = output;
        _format = format;
    }

    public async Task PrintAsync(IReadOnlyList<OutputColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        switch (_format)
        {
            case OutputFormat.Csv:
                await PrintCsvAsync(columns, rows, cancellationToken);
                break;
            case OutputFormat.Jsonl:
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    await _out.WriteLineAsync(ToJsonObject(columns, row).AsMemory(), cancellationToken);
                }

                break;
            case OutputFormat.Json:
                await PrintJsonArrayAsync(columns, rows, cancellationToken);
                break;
            default:
                await PrintTableAsync(columns, rows, cancellationToken);
                break;
        }

        await _out.FlushAsync(cancellationToken);
    }

    public Task PrintAsync(IReadOnlyList<OutputColumn> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        PrintAsync(columns, rows.ToAsyncEnumerable(), cancellationToken);

    internal static string ToJsonObject(IReadOnlyList<OutputColumn> columns, object?[] row)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            WriteObject(writer, columns, row);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteObject(Utf8JsonWriter writer, IReadOnlyList<OutputColumn> columns, object?[] row)
    {
        writer.WriteStartObject();
        for (var i = 0; i < columns.Count; i++)
        {
            writer.WritePropertyName(columns[i].Name);
            ValueText.WriteJson(writer, row[i], columns[i].Type);
        }

        writer.WriteEndObject();
    }

    private async Task PrintCsvAsync(IReadOnlyList<OutputColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var csv = new CsvWriter(_out, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(column.Name);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                csv.WriteField(ValueText.Format(row[i], columns[i].Type));
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    private async Task PrintJsonArrayAsync(IReadOnlyList<OutputColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JsonOptions.Encoder }))
        {
            writer.WriteStartArray();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                WriteObject(writer, columns, row);
            }

            writer.WriteEndArray();
        }

        await _out.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), cancellationToken);
    }

    private async Task PrintTableAsync(IReadOnlyList<OutputColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_out) });
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column.Name)));
        }

        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            // Text, not Markup: values may contain '[' which markup would interpret.
            table.AddRow(columns.Select((c, i) => (Spectre.Console.Rendering.IRenderable)new Text(row[i] is null ? "null" : ValueText.Format(row[i], c.Type))).ToArray());
        }

        console.Write(table);
    }
}
