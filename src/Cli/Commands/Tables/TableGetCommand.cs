using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Tables;

/// <summary><c>maestro table get NS.T</c> (server): current snapshot, history, columns, subscribers and writers.</summary>
public static class TableGetCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var table = new Argument<string>("table") { Description = "NAMESPACE.TABLE." };
        var command = new Command("get", "Show a table: current snapshot, history, columns and the workflows around it (asks the server).") { table };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var details = await session.Client.GetTableAsync(result.GetValue(table)!, ct);
            if (session.Json)
            {
                await session.WriteJsonAsync(details, ct);
                return ExitCodes.Ok;
            }

            await session.WriteLineAsync($"table {details.Table}  format v{details.FormatVersion}  current snapshot {TextTable.Number(details.CurrentSnapshotId)}  sequence {details.CurrentSequenceNumber}");
            await session.WriteLineAsync($"metadata {details.MetadataLocation}");
            await session.WriteLineAsync($"subscribers: {TextTable.List(details.Subscribers)}  writers: {TextTable.List(details.Writers)}");
            TextTable.Write(session, ["field_id", "column", "type", "required"], details.Columns.Select(c => new[]
            {
                TextTable.Number(c.FieldId), c.Name, c.Type, c.Required ? "yes" : "no",
            }));
            TextTable.Write(session, ["snapshot_id", "parent_id", "sequence", "committed", "operation"], details.Snapshots.Select(s => new[]
            {
                TextTable.Number(s.SnapshotId), TextTable.Number(s.ParentSnapshotId), TextTable.Number(s.SequenceNumber), TextTable.Time(s.CommittedAt), s.Operation,
            }));
            return ExitCodes.Ok;
        });
        return command;
    }
}
