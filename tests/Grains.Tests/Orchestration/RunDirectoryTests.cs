using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>Run queries across workflows: filters, limits and order.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class RunDirectoryTests(OrchestrationCluster cluster)
{
    private IRunDirectoryGrain Directory => cluster.Grains.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key);

    [Fact]
    public async Task Runs_are_found_by_workflow_status_and_time_newest_first_within_the_limit()
    {
        var u = OrchestrationCluster.Unique();
        string ok = $"rq-ok-{u}", bad = $"rq-bad-{u}";
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        await cluster.PutAsync(new WorkflowBuilder(ok).OnManual().Parallel(5).Noop("only").Build());
        await cluster.PutAsync(new WorkflowBuilder(bad).OnManual().Shell("fails", "exit 1").Build());
        var okRuns = new List<RunInfo>();
        for (var i = 0; i < 3; i++)
        {
            okRuns.Add(await StartAndWaitAsync(ok));
        }

        var failed = await StartAndWaitAsync(bad);
        okRuns.Add(await StartAndWaitAsync(ok));
        Assert.Equal(RunStatus.Failed, failed.Status);

        var ofOk = await Directory.QueryAsync(new RunQuery { WorkflowId = ok });
        Assert.Equal([4L, 3, 2, 1], ofOk.Select(r => r.RunNumber));

        var limited = await Directory.QueryAsync(new RunQuery { WorkflowId = ok, Limit = 2 });
        Assert.Equal([4L, 3], limited.Select(r => r.RunNumber));

        var onlyFailed = await Directory.QueryAsync(new RunQuery { Status = RunStatus.Failed, Since = start });
        Assert.Contains(onlyFailed, r => r.WorkflowId == bad && r.RunNumber == 1);
        Assert.All(onlyFailed, r => Assert.Equal(RunStatus.Failed, r.Status));
        Assert.DoesNotContain(onlyFailed, r => r.WorkflowId == ok);

        // A window [since, until) on the creation time, across every workflow, newest first.
        var window = await Directory.QueryAsync(new RunQuery { Since = okRuns[1].CreatedAt, Until = okRuns[3].CreatedAt });
        var mine = window.Where(r => r.WorkflowId == ok || r.WorkflowId == bad).Select(r => $"{r.WorkflowId}/{r.RunNumber}").ToArray();
        Assert.Equal([$"{bad}/1", $"{ok}/3", $"{ok}/2"], mine);
        Assert.Equal(window.Order(RunQuery.NewestFirst), window);
        Assert.All(window, r => Assert.InRange(r.CreatedAt, okRuns[1].CreatedAt, okRuns[3].CreatedAt.AddTicks(-1)));

        var everything = await Directory.QueryAsync(new RunQuery { Since = start, Limit = 1000 });
        Assert.Equal(everything.Order(RunQuery.NewestFirst), everything);
        Assert.Equal(5, everything.Count(r => r.WorkflowId == ok || r.WorkflowId == bad));
        Assert.Single(await Directory.QueryAsync(new RunQuery { Limit = 1 }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task A_limit_outside_1_to_1000_is_refused_naming_limit(int limit)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => Directory.QueryAsync(new RunQuery { Limit = limit }));

        Assert.Equal("limit", error.ParamName);
    }

    [Fact]
    public async Task An_unknown_workflow_is_not_found()
    {
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => Directory.QueryAsync(new RunQuery { WorkflowId = $"rq-none-{OrchestrationCluster.Unique()}" }));

        Assert.Contains("rq-none-", error.Message);
    }

    [Fact]
    public async Task A_queued_run_is_found_as_queued()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"rq-queue-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Sleep("slow", TimeSpan.FromSeconds(1)).Build());
        var workflow = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        await workflow.StartRunAsync(new RunRequest());
        var second = await workflow.StartRunAsync(new RunRequest());

        var queued = Assert.Single(await Directory.QueryAsync(new RunQuery { WorkflowId = id, Status = RunStatus.Queued }));

        Assert.Equal(second, queued.RunNumber);
        Assert.Equal(0, queued.Revision);
        Assert.Equal(RunTriggers.Manual, queued.Trigger);
        Assert.Equal("slow", Assert.Single(queued.Steps).StepId);
        Assert.True(queued.CreatedAt > DateTimeOffset.UnixEpoch);
        var done = await cluster.WaitForRunAsync(id, second);
        Assert.Equal(queued.CreatedAt, done.CreatedAt); // a run keeps its creation time when it leaves the queue
    }

    private async Task<RunInfo> StartAndWaitAsync(string workflowId)
    {
        var number = await cluster.Grains.GetGrain<IWorkflowGrain>(workflowId).StartRunAsync(new RunRequest());
        var run = await cluster.WaitForRunAsync(workflowId, number);
        await Task.Delay(20); // distinct creation times, so the window below has clear edges
        return run;
    }
}
