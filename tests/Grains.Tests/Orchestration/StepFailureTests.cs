using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Orchestration;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>Retries, timeouts, stop and restart of manual runs, with shell steps whose outcome a file decides.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class StepFailureTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task A_failing_step_is_retried_with_backoff_until_it_succeeds()
    {
        var u = OrchestrationCluster.Unique();
        var marker = Path.Combine(cluster.Folder, $"retry-{u}");
        // Fails on the first two attempts (counting them in a file), succeeds on the third.
        var definition = new WorkflowBuilder($"retry-{u}").OnManual()
            .Retry(3, TimeSpan.FromMilliseconds(200), 2)
            .Shell("flaky", $"echo x >> '{marker}'; [ $(wc -l < '{marker}') -ge 3 ]")
            .Noop("after", ["flaky"])
            .Build();
        await cluster.PutAsync(definition);

        var started = DateTimeOffset.UtcNow;
        var run = await StartAsync(definition.Id);
        var done = await cluster.WaitForRunAsync(definition.Id, run);

        Assert.Equal(RunStatus.Succeeded, done.Status);
        var flaky = done.Steps.Single(s => s.StepId == "flaky");
        Assert.Equal(3, flaky.Attempts);
        Assert.Equal(3, File.ReadAllLines(marker).Length);
        // Backoff 200 ms then 400 ms before the second and third attempts.
        Assert.True(done.FinishedAt - started >= TimeSpan.FromMilliseconds(600), $"took {done.FinishedAt - started}");
        Assert.Equal(RunStatus.Succeeded, done.Steps.Single(s => s.StepId == "after").Status);
    }

    [Fact]
    public async Task A_step_that_fails_every_retry_fails_the_run_and_its_dependents_never_start()
    {
        var u = OrchestrationCluster.Unique();
        var definition = new WorkflowBuilder($"fail-{u}").OnManual()
            .Retry(1, TimeSpan.FromMilliseconds(100))
            .Shell("broken", "echo 'no such input' >&2; exit 3")
            .Noop("after", ["broken"])
            .Build();
        await cluster.PutAsync(definition);

        var done = await cluster.WaitForRunAsync(definition.Id, await StartAsync(definition.Id));

        Assert.Equal(RunStatus.Failed, done.Status);
        var broken = done.Steps.Single(s => s.StepId == "broken");
        Assert.Equal(RunStatus.Failed, broken.Status);
        Assert.Equal(2, broken.Attempts);
        Assert.Contains("no such input", broken.Error);
        Assert.Contains("broken", done.Error);
        Assert.Equal(RunStatus.Created, done.Steps.Single(s => s.StepId == "after").Status);
    }

    [Fact]
    public async Task A_step_over_its_timeout_times_out_and_so_does_the_run()
    {
        var u = OrchestrationCluster.Unique();
        var definition = new WorkflowBuilder($"timeout-{u}").OnManual()
            .Step(new SleepStep { Id = "slow", Duration = TimeSpan.FromMinutes(5), Timeout = TimeSpan.FromMilliseconds(800) })
            .Build();
        await cluster.PutAsync(definition);

        var started = DateTimeOffset.UtcNow;
        var done = await cluster.WaitForRunAsync(definition.Id, await StartAsync(definition.Id));

        Assert.Equal(RunStatus.TimedOut, done.Status);
        var slow = done.Steps.Single();
        Assert.Equal(RunStatus.TimedOut, slow.Status);
        Assert.Contains("timed out", slow.Error);
        Assert.True(done.FinishedAt - started < TimeSpan.FromSeconds(30), "the run ended long before the sleep would have");
    }

    [Fact]
    public async Task A_run_over_its_run_timeout_times_out()
    {
        var u = OrchestrationCluster.Unique();
        var definition = new WorkflowBuilder($"runtimeout-{u}").OnManual()
            .RunTimeout(TimeSpan.FromSeconds(1))
            .Sleep("first", TimeSpan.FromMilliseconds(300))
            .Sleep("second", TimeSpan.FromMinutes(5), ["first"])
            .Build();
        await cluster.PutAsync(definition);

        var done = await cluster.WaitForRunAsync(definition.Id, await StartAsync(definition.Id));

        Assert.Equal(RunStatus.TimedOut, done.Status);
        Assert.Equal(RunStatus.Succeeded, done.Steps.Single(s => s.StepId == "first").Status);
        Assert.Equal(RunStatus.TimedOut, done.Steps.Single(s => s.StepId == "second").Status);
    }

    [Fact]
    public async Task A_stopped_run_stops_its_running_steps()
    {
        var u = OrchestrationCluster.Unique();
        var definition = new WorkflowBuilder($"stop-{u}").OnManual()
            .Sleep("long", TimeSpan.FromMinutes(5))
            .Noop("after", ["long"])
            .Build();
        await cluster.PutAsync(definition);
        var number = await StartAsync(definition.Id);
        await OrchestrationCluster.WaitUntilAsync(
            async () => (await cluster.GetRunAsync(definition.Id, number))?.Steps.Single(s => s.StepId == "long").Status == RunStatus.Running,
            TimeSpan.FromSeconds(30), () => "the long step to start");

        await cluster.Grains.GetGrain<IRunGrain>(RunKeys.Run(definition.Id, number)).StopAsync();

        var done = await cluster.WaitForRunAsync(definition.Id, number);
        Assert.Equal(RunStatus.Stopped, done.Status);
        Assert.Equal(RunStatus.Stopped, done.Steps.Single(s => s.StepId == "long").Status);
        Assert.Equal(RunStatus.Created, done.Steps.Single(s => s.StepId == "after").Status);
        var workflow = await cluster.Grains.GetGrain<IWorkflowGrain>(definition.Id).GetAsync();
        Assert.Empty(workflow!.ActiveRuns);
    }

    [Fact]
    public async Task A_failed_run_restarts_from_its_failed_step_and_keeps_what_succeeded()
    {
        var u = OrchestrationCluster.Unique();
        var ready = Path.Combine(cluster.Folder, $"ready-{u}");
        var log = Path.Combine(cluster.Folder, $"log-{u}");
        var definition = new WorkflowBuilder($"restart-{u}").OnManual()
            .Shell("extract", $"echo extract >> '{log}'")
            .Shell("load", $"echo load >> '{log}'; [ -f '{ready}' ]", ["extract"])
            .Shell("report", $"echo report >> '{log}'", ["load"])
            .Build();
        await cluster.PutAsync(definition);
        var number = await StartAsync(definition.Id);
        var failed = await cluster.WaitForRunAsync(definition.Id, number);
        Assert.Equal(RunStatus.Failed, failed.Status);

        await File.WriteAllTextAsync(ready, "now");
        await cluster.Grains.GetGrain<IRunGrain>(RunKeys.Run(definition.Id, number)).RestartAsync();
        var done = await cluster.WaitForRunAsync(definition.Id, number);

        Assert.Equal(RunStatus.Succeeded, done.Status);
        Assert.Equal(1, done.Restarts);
        Assert.Equal(1, done.Steps.Single(s => s.StepId == "extract").Attempts);
        Assert.Equal(2, done.Steps.Single(s => s.StepId == "load").Attempts);
        Assert.Equal(["extract", "load", "load", "report"], await File.ReadAllLinesAsync(log));
    }

    [Fact]
    public async Task Restarting_a_run_that_did_not_fail_is_refused_with_its_status()
    {
        var u = OrchestrationCluster.Unique();
        var definition = new WorkflowBuilder($"norestart-{u}").OnManual().Noop("only").Build();
        await cluster.PutAsync(definition);
        var number = await StartAsync(definition.Id);
        Assert.Equal(RunStatus.Succeeded, (await cluster.WaitForRunAsync(definition.Id, number)).Status);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Grains.GetGrain<IRunGrain>(RunKeys.Run(definition.Id, number)).RestartAsync());
        Assert.Contains("Succeeded", error.Message);
    }

    [Fact]
    public async Task A_run_superseded_before_it_started_is_recorded_as_stopped()
    {
        var u = OrchestrationCluster.Unique();
        var definition = new WorkflowBuilder($"superseded-{u}").OnManual().Noop("only").Build() with { Version = 1 };
        var plan = new RunPlan { Definition = definition, RunNumber = 7, Trigger = RunTriggers.Table };
        var run = cluster.Grains.GetGrain<IRunGrain>(RunKeys.Run(definition.Id, 7));

        await run.SupersedeAsync(plan);

        var info = await run.GetAsync();
        Assert.NotNull(info);
        Assert.Equal(RunStatus.Stopped, info.Status);
        Assert.Contains("superseded", info.Error);
        Assert.Equal(RunStatus.Created, Assert.Single(info.Steps).Status);
    }

    private Task<long> StartAsync(string workflowId) =>
        cluster.Grains.GetGrain<IWorkflowGrain>(workflowId).StartRunAsync(new RunRequest());
}
