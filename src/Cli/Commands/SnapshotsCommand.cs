using System.CommandLine;
using System.Globalization;
using OrleansMaestro.Cli.Output;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Commands;

/// <summary><c>maestro table snapshots NS.T</c>: the table's snapshots, oldest first.</summary>
public static class SnapshotsCommand
{
    private static readonly OutputColumn[] Columns =
    [
        new("snapshot_id", PrimitiveType.Long),
        new("parent_id", PrimitiveType.Long),
        new("sequence_number", PrimitiveType.Long),
        new("timestamp", PrimitiveType.TimestampTz),
        new("operation", PrimitiveType.String),
        new("added_records", PrimitiveType.Long),
        new("total_records", PrimitiveType.Long),
    ];

    public static Command Build(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var source = new TableSource();
        var format = FormatOption.Create();
        var command = new Command("snapshots", "List a table's snapshots (id, parent, sequence number, time, operation, records).") { format };
        source.AddTo(command);
        runner.SetAction(command, async (result, session, ct) =>
        {
            var table = await source.LoadAsync(result, session, ct);
            var rows = table.Metadata.Snapshots
                .OrderBy(s => s.SequenceNumber).ThenBy(s => s.TimestampMs)
                .Select(s => new object?[]
                {
                    s.SnapshotId,
                    s.ParentSnapshotId,
                    s.SequenceNumber,
                    s.Timestamp,
                    s.Operation,
                    SummaryLong(s, "added-records"),
                    SummaryLong(s, "total-records"),
                });
            await session.Printer(result.GetValue(format)).PrintAsync(Columns, rows, ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static long? SummaryLong(Snapshot snapshot, string key) =>
        snapshot.Summary.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
