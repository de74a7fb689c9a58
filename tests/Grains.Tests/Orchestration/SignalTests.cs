using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>External signals: posting one starts a run of every workflow whose active version triggers on it.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class SignalTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task A_post_starts_a_run_of_each_subscriber_with_the_parameters_it_declares()
    {
        var u = OrchestrationCluster.Unique();
        var signal = $"orders.arrived-{u}";
        await cluster.PutAsync(new WorkflowBuilder($"sig-a-{u}").OnSignal(signal).Parameter("day").Shell("echo", "echo \"$MAESTRO_PARAM_day\"").Build());
        await cluster.PutAsync(new WorkflowBuilder($"sig-b-{u}").OnSignal(signal).Parameter("region", "eu").Noop("only").Build());
        await cluster.PutAsync(new WorkflowBuilder($"sig-c-{u}").OnSignal($"other-{u}").Noop("only").Build());
        var grain = cluster.Grains.GetGrain<ISignalGrain>(signal);
        Assert.Equal([$"sig-a-{u}", $"sig-b-{u}"], await grain.GetSubscribersAsync());

        var accepted = await grain.PostAsync(new Dictionary<string, string> { ["day"] = "2026-01-02", ["region"] = "us" });

        Assert.Equal(signal, accepted.Signal);
        Assert.Equal([$"sig-a-{u}/1", $"sig-b-{u}/1"], accepted.Runs.Select(r => r.ToString()));
        var a = await cluster.WaitForRunAsync($"sig-a-{u}", 1);
        var b = await cluster.WaitForRunAsync($"sig-b-{u}", 1);
        Assert.Equal(RunStatus.Succeeded, a.Status);
        Assert.Equal(RunTriggers.Signal, a.Trigger);
        Assert.Equal(new Dictionary<string, string> { ["day"] = "2026-01-02" }, a.Parameters);
        Assert.Equal("2026-01-02", a.Steps.Single().Outputs["stdout-tail"].Trim()); // the step saw it too
        Assert.Equal(RunTriggers.Signal, b.Trigger);
        Assert.Equal(new Dictionary<string, string> { ["region"] = "us" }, b.Parameters);
        Assert.Equal(0, (await cluster.Grains.GetGrain<IWorkflowGrain>($"sig-c-{u}").GetAsync())!.LastRunNumber);
    }

    [Fact]
    public async Task A_post_nobody_listens_to_starts_nothing()
    {
        var accepted = await cluster.Grains.GetGrain<ISignalGrain>($"nobody-{OrchestrationCluster.Unique()}").PostAsync(new Dictionary<string, string>());

        Assert.Empty(accepted.Runs);
    }

    [Fact]
    public async Task Signal_runs_follow_the_run_strategy()
    {
        var u = OrchestrationCluster.Unique();
        var signal = $"tick-{u}";
        var id = $"sig-seq-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnSignal(signal).Sequential().Sleep("slow", TimeSpan.FromSeconds(1)).Build());
        var grain = cluster.Grains.GetGrain<ISignalGrain>(signal);

        var first = Assert.Single((await grain.PostAsync(new Dictionary<string, string>())).Runs);
        var second = Assert.Single((await grain.PostAsync(new Dictionary<string, string>())).Runs);

        // Sequential: the second waits in the queue while the first runs.
        Assert.Equal(RunStatus.Queued, (await cluster.Grains.GetGrain<IWorkflowGrain>(id).GetRunAsync(second.RunNumber))!.Status);
        var one = await cluster.WaitForRunAsync(id, first.RunNumber);
        var two = await cluster.WaitForRunAsync(id, second.RunNumber);
        Assert.Equal(RunStatus.Succeeded, one.Status);
        Assert.Equal(RunStatus.Succeeded, two.Status);
        Assert.True(two.StartedAt >= one.FinishedAt, $"second started {two.StartedAt:O}, first finished {one.FinishedAt:O}");
    }

    [Fact]
    public async Task A_first_only_workflow_drops_a_signal_that_arrives_during_its_run_and_records_it_stopped()
    {
        var u = OrchestrationCluster.Unique();
        var signal = $"burst-{u}";
        var id = $"sig-first-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnSignal(signal).FirstOnly().Sleep("slow", TimeSpan.FromSeconds(1)).Build());
        var grain = cluster.Grains.GetGrain<ISignalGrain>(signal);

        var first = Assert.Single((await grain.PostAsync(new Dictionary<string, string>())).Runs);
        var dropped = Assert.Single((await grain.PostAsync(new Dictionary<string, string>())).Runs);

        Assert.Equal(RunStatus.Succeeded, (await cluster.WaitForRunAsync(id, first.RunNumber)).Status);
        var skipped = await cluster.WaitForRunAsync(id, dropped.RunNumber);
        Assert.Equal(RunStatus.Stopped, skipped.Status);
        Assert.Contains("first-only", skipped.Error);
        Assert.Null(skipped.StartedAt);
    }

    [Fact]
    public async Task Subscriptions_follow_the_active_version_and_delete()
    {
        var u = OrchestrationCluster.Unique();
        string s1 = $"v1-{u}", s2 = $"v2-{u}", id = $"sig-ver-{u}";
        var workflow = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        await workflow.PutDefinitionAsync(new WorkflowBuilder(id).OnSignal(s1).Noop("only").Build());
        await workflow.PutDefinitionAsync(new WorkflowBuilder(id).OnSignal(s2).Noop("only").Build());
        Assert.Empty(await SubscribersAsync(s1));
        Assert.Equal([id], await SubscribersAsync(s2));

        await workflow.ActivateVersionAsync(1);
        Assert.Equal([id], await SubscribersAsync(s1));
        Assert.Empty(await SubscribersAsync(s2));

        await workflow.DeleteAsync();
        Assert.Empty(await SubscribersAsync(s1));
        Assert.Empty(await SubscribersAsync(s2));
        Assert.Empty((await cluster.Grains.GetGrain<ISignalGrain>(s1).PostAsync(new Dictionary<string, string>())).Runs);
    }

    [Fact]
    public async Task A_stale_subscription_is_dropped_not_started()
    {
        var u = OrchestrationCluster.Unique();
        var signal = $"stale-{u}";
        await cluster.PutAsync(new WorkflowBuilder($"sig-live-{u}").OnSignal(signal).Noop("only").Build());
        await cluster.PutAsync(new WorkflowBuilder($"sig-other-{u}").OnManual().Noop("only").Build());
        var grain = cluster.Grains.GetGrain<ISignalGrain>(signal);
        // Subscriptions a crash could have left behind: a workflow without the trigger, and one that does not exist.
        await grain.SubscribeAsync($"sig-other-{u}");
        await grain.SubscribeAsync($"sig-gone-{u}");

        var accepted = await grain.PostAsync(new Dictionary<string, string>());

        Assert.Equal([$"sig-live-{u}"], accepted.Runs.Select(r => r.WorkflowId));
        Assert.Equal([$"sig-live-{u}"], await grain.GetSubscribersAsync());
        Assert.Equal(0, (await cluster.Grains.GetGrain<IWorkflowGrain>($"sig-other-{u}").GetAsync())!.LastRunNumber);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Grains.GetGrain<IWorkflowGrain>($"sig-other-{u}").OnSignalAsync(signal, new Dictionary<string, string>()));
    }

    [Fact]
    public async Task A_post_without_a_parameter_a_subscriber_requires_starts_nothing_and_names_it()
    {
        var u = OrchestrationCluster.Unique();
        var signal = $"needs-{u}";
        await cluster.PutAsync(new WorkflowBuilder($"sig-free-{u}").OnSignal(signal).Noop("only").Build());
        await cluster.PutAsync(new WorkflowBuilder($"sig-needs-{u}").OnSignal(signal).Parameter("day").Noop("only").Build());

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => cluster.Grains.GetGrain<ISignalGrain>(signal).PostAsync(new Dictionary<string, string>()));

        Assert.Equal("parameters.day", error.ParamName);
        Assert.Contains($"sig-needs-{u}", error.Message);
        Assert.Equal(0, (await cluster.Grains.GetGrain<IWorkflowGrain>($"sig-free-{u}").GetAsync())!.LastRunNumber);
    }

    [Fact]
    public async Task Bad_signal_names_are_refused_in_definitions_by_path_and_on_post()
    {
        var u = OrchestrationCluster.Unique();
        var definition = new WorkflowDefinition
        {
            Id = $"sig-bad-{u}",
            Triggers = [new ManualTrigger(), new SignalTrigger { Name = "no spaces" }],
            Steps = [new NoopStep { Id = "only" }],
        };

        var refused = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => cluster.PutAsync(definition));
        Assert.Equal("triggers[1].name", Assert.Single(refused.Errors).Path);
        Assert.Null(await cluster.Grains.GetGrain<IWorkflowGrain>(definition.Id).GetAsync());

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => cluster.Grains.GetGrain<ISignalGrain>("no spaces").PostAsync(new Dictionary<string, string>()));
        Assert.Equal("signal", error.ParamName);
    }

    private async Task<IReadOnlyList<string>> SubscribersAsync(string signal) =>
        await cluster.Grains.GetGrain<ISignalGrain>(signal).GetSubscribersAsync();
}
