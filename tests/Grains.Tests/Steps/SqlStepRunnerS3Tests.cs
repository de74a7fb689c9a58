using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.IO;
using static OrleansMaestro.Grains.Tests.Steps.SqlWarehouse;

namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>
/// The SQL step with every table's files on a real S3-compatible server (s3rver): DuckDB cannot read S3 here, so the
/// shard executor must fetch the planned files through the table's file IO and upload its results the same way.
/// </summary>
public class SqlStepRunnerS3Tests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>
{
    [Fact]
    public async Task Sharded_incremental_work_with_deletes_reads_and_writes_s3_and_commits_once()
    {
        await using var w = await S3Async(s3);
        var (table, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 10), Events(10, 10), Events(20, 10), Events(30, 10));
        Assert.StartsWith("s3://", table.Location, StringComparison.Ordinal);
        // An equality delete on a row of the range: the file holding it must be rewritten without it.
        var keys = await table.NewDeleteWriter().WriteEqualityDeletesAsync([1], [[25L]]);
        table = await table.NewRowDelta().AddDeletes(keys).CommitAsync();
        var step = new SqlStep { Id = "copy", Query = "SELECT id, kind, amount, ts FROM events", Target = "mart.copy", MaxFilesPerShard = 1 };
        SnapshotRange[] sources = [new() { Table = "raw.events", FromExclusive = s[0], ToInclusive = table.CurrentSnapshot!.SnapshotId }];

        var outputs = await w.Runner.RunAsync(Work.For(step, sources, workflow: "s3-wf", run: 1), CancellationToken.None);
        var retry = await w.Runner.RunAsync(Work.For(step, sources, workflow: "s3-wf", run: 1, attempt: 2), CancellationToken.None);

        Assert.Equal(("3", "29", "false"), (outputs["shards"], outputs["rows"], outputs["skipped-duplicate"]));
        Assert.Equal(("true", outputs["snapshot-id"]), (retry["skipped-duplicate"], retry["snapshot-id"]));
        var target = await w.LoadAsync("mart.copy");
        var snapshot = Assert.Single(target.Metadata.Snapshots);
        Assert.Equal("s3-wf", snapshot.Summary["maestro.workflow"]);
        var files = await target.NewScan().PlanFilesAsync();
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.True(Locations.IsS3(f.File.FilePath), f.File.FilePath));
        var rows = (await w.ReadAsync("mart.copy")).OrderBy(r => (long)r[0]!).ToArray();
        var expected = Events(10, 30).Where(e => (long)e[0]! != 25).ToArray();
        Assert.Equal(expected.Length, rows.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], rows[i]);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(w.ScratchDirectory));
    }
}
