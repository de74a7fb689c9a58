using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Client.Tests.EndToEnd;

/// <summary>Tables, lineage and signals through <see cref="IMaestroClient"/> against a real silo, over both transports.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class TableAndSignalOperationsTests(EmbeddedSilo silo)
{
    [Theory]
    [InlineData("http")]
    [InlineData("orleans")]
    public async Task Tables_are_listed_read_and_refreshed(string transport)
    {
        var client = silo.Client(transport);
        var listed = Assert.Single(await client.ListTablesAsync(), t => t.Table == EmbeddedSilo.SourceTable);
        Assert.Equal(silo.SourceSnapshots[^1], listed.CurrentSnapshotId);

        var details = await client.GetTableAsync(EmbeddedSilo.SourceTable);
        Assert.Equal(silo.SourceSnapshots, details.Snapshots.Select(s => s.SnapshotId));
        Assert.Equal(["id", "name"], details.Columns.Select(c => c.Name));

        var refreshed = await client.RefreshTableAsync(EmbeddedSilo.SourceTable);
        Assert.Equal(silo.SourceSnapshots[^1], refreshed.CurrentSnapshotId);

        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.GetTableAsync("e2e.missing"));
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.RefreshTableAsync("e2e.missing"));
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.GetLineageAsync("e2e.missing"));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("orleans")]
    public async Task Lineage_shows_who_reads_and_writes_a_table(string transport)
    {
        var client = silo.Client(transport);
        var id = $"{transport}-lineage";
        var target = $"{transport}_lineage.out";
        await client.ApplyWorkflowAsync(new WorkflowBuilder(id)
            .OnManual()
            .Sql("copy", "SELECT id FROM source", target, inputs: [new SqlInput { Table = EmbeddedSilo.SourceTable, As = "source" }])
            .Build());

        var whole = await client.GetLineageAsync();
        Assert.Contains(whole.Edges, e => e.From == EmbeddedSilo.SourceTable && e.To == id && e.Kind == LineageEdgeKinds.Reads);
        Assert.Contains(whole.Edges, e => e.From == id && e.To == target && e.Kind == LineageEdgeKinds.Writes);

        var around = await client.GetLineageAsync(target);
        Assert.Contains(around.Nodes, n => n.Id == EmbeddedSilo.SourceTable && n.Kind == LineageNodeKinds.Table);
        Assert.Contains(around.Nodes, n => n.Id == id && n.Kind == LineageNodeKinds.Workflow);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("orleans")]
    public async Task A_signal_starts_the_workflows_that_trigger_on_it(string transport)
    {
        var client = silo.Client(transport);
        var signal = $"{transport}-orders-arrived";
        var id = $"{transport}-on-signal";
        await client.ApplyWorkflowAsync(new WorkflowBuilder(id).OnSignal(signal).Parameter("batch", "none").Noop("a").Build());

        var accepted = await client.SignalAsync(signal, new Dictionary<string, string> { ["batch"] = "42" });
        Assert.Equal(signal, accepted.Signal);
        var run = Assert.Single(accepted.Runs);
        Assert.Equal(id, run.WorkflowId);
        var events = await client.UntilEndAsync(run);
        Assert.Equal(RunStatus.Succeeded, events[^1].Status);
        var info = await client.GetRunAsync(run);
        Assert.Equal("signal", info.Trigger);
        Assert.Equal("42", info.Parameters["batch"]);

        Assert.Empty((await client.SignalAsync($"{transport}-nobody-listens")).Runs);
    }
}
