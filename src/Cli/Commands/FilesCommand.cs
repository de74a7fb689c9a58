using System.CommandLine;
using System.Globalization;
using OrleansMaestro.Cli.Output;
using OrleansMaestro.Cli.Values;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Cli.Commands;

/// <summary><c>maestro table files NS.T [--snapshot ID | --from-snapshot A --to-snapshot B]</c>: the data files a scan would read.</summary>
public static class FilesCommand
{
    private static readonly OutputColumn[] Columns =
    [
        new("path", PrimitiveType.String),
        new("record_count", PrimitiveType.Long),
        new("file_size_bytes", PrimitiveType.Long),
        new("partition", PrimitiveType.String),
    ];

    public static Command Build(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var source = new TableSource();
        var snapshots = new SnapshotSelection();
        var format = FormatOption.Create();
        var command = new Command("files", "List the data files of a table (at a snapshot, or appended in a range).") { format };
        source.AddTo(command);
        snapshots.AddTo(command);
        runner.SetAction(command, async (result, session, ct) =>
        {
            var table = await source.LoadAsync(result, session, ct);
            var tasks = await snapshots.PlanFilesAsync(result, table, filter: null, ct);
            var rows = tasks.Select(t => new object?[] { t.File.FilePath, t.File.RecordCount, t.File.FileSizeInBytes, PartitionText(table, t.File) });
            await session.Printer(result.GetValue(format)).PrintAsync(Columns, rows, ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The partition as <c>name=value/...</c> (the Hive-style path Iceberg writers use), empty when unpartitioned.</summary>
    internal static string PartitionText(Table table, DataFile file)
    {
        var spec = table.Metadata.PartitionSpecs.FirstOrDefault(s => s.SpecId == file.SpecId) ?? table.Spec;
        if (spec.Fields.Count == 0)
        {
            return string.Empty;
        }

        StructType type;
        try
        {
            type = spec.PartitionType(table.Schema);
        }
        catch (FormatException)
        {
            // The source column was dropped from the current schema: print raw values.
            return file.Partition.ToString();
        }

        return PartitionText(type, spec.Fields.Select(f => f.Transform).ToArray(), file.Partition);
    }

    internal static string PartitionText(StructType type, IReadOnlyList<Transform> transforms, StructValue partition) =>
        string.Join('/', type.Fields.Select((f, i) =>
            $"{f.Name}={(i < partition.Count && partition[i] is { } v ? Human(transforms[i], v, f.Type) : "null")}"));

    // year/month/hour partitions are stored as counts since 1970; print them as Java does (2024, 2024-01, 2024-01-02-13).
    private static string Human(Transform transform, object value, IcebergType type) => (transform, value) switch
    {
        (YearTransform, int years) => (1970 + years).ToString(CultureInfo.InvariantCulture),
        (MonthTransform, int months) => DateTime.UnixEpoch.AddMonths(months).ToString("yyyy-MM", CultureInfo.InvariantCulture),
        (HourTransform, int hours) => DateTime.UnixEpoch.AddHours(hours).ToString("yyyy-MM-dd-HH", CultureInfo.InvariantCulture),
        (DayTransform, int days) => Conversions.FromEpochDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => ValueText.Format(value, type),
    };
}
