using System.CommandLine;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Iceberg.Expressions;
using OrleansMaestro.Iceberg.Scan;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Cli.Commands;

/// <summary>
/// <c>--snapshot ID</c> (a past state) or <c>--from-snapshot A --to-snapshot B</c> (what was appended after A up to B),
/// shared by <c>scan</c> and <c>files</c>. Snapshot ids are checked up front so an unknown one is "not found" (exit 3).
/// </summary>
public sealed class SnapshotSelection
{
    public Option<long?> Snapshot { get; } = new("--snapshot")
    {
        Description = "Read the table as of this snapshot id.",
    };

    public Option<long?> FromSnapshot { get; } = new("--from-snapshot")
    {
        Description = "Incremental: only rows appended after this snapshot (exclusive). Without --to-snapshot, up to the current snapshot.",
    };

    public Option<long?> ToSnapshot { get; } = new("--to-snapshot")
    {
        Description = "Incremental: up to this snapshot (inclusive). Without --from-snapshot, from the first snapshot.",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Snapshot);
        command.Add(FromSnapshot);
        command.Add(ToSnapshot);
    }

    /// <summary>Whether an incremental range was asked for.</summary>
    public bool IsIncremental(ParseResult result) =>
        result.GetValue(FromSnapshot) is not null || result.GetValue(ToSnapshot) is not null;

    public async Task<IReadOnlyList<FileScanTask>> PlanFilesAsync(ParseResult result, Table table, Expression? filter, CancellationToken cancellationToken) =>
        IsIncremental(result)
            ? await Incremental(result, table, filter).PlanFilesAsync(cancellationToken)
            : await Full(result, table, filter).PlanFilesAsync(cancellationToken);

    public IAsyncEnumerable<object?[]> ReadRowsAsync(ParseResult result, Table table, Expression? filter, CancellationToken cancellationToken) =>
        IsIncremental(result)
            ? Incremental(result, table, filter).ReadRowsAsync(cancellationToken)
            : Full(result, table, filter).ReadRowsAsync(cancellationToken);

    private TableScan Full(ParseResult result, Table table, Expression? filter)
    {
        var scan = table.NewScan();
        if (result.GetValue(Snapshot) is { } id)
        {
            scan.UseSnapshot(Existing(table, id, "--snapshot"));
        }

        return filter is null ? scan : scan.Filter(filter);
    }

    private IncrementalAppendScan Incremental(ParseResult result, Table table, Expression? filter)
    {
        if (result.GetValue(Snapshot) is not null)
        {
            throw new CliException(ExitCodes.BadInput, "--snapshot cannot be combined with --from-snapshot/--to-snapshot.");
        }

        var scan = table.NewIncrementalAppendScan();
        if (result.GetValue(FromSnapshot) is { } from)
        {
            scan.FromSnapshotExclusive(Existing(table, from, "--from-snapshot"));
        }

        if (result.GetValue(ToSnapshot) is { } to)
        {
            scan.ToSnapshot(Existing(table, to, "--to-snapshot"));
        }

        return filter is null ? scan : scan.Filter(filter);
    }

    private static long Existing(Table table, long id, string option) =>
        table.Metadata.SnapshotById(id) is not null
            ? id
            : throw new CliException(ExitCodes.NotFound, $"{option} {id}: table {table.Identifier} has no such snapshot (see 'maestro table snapshots {table.Identifier}').");
}
