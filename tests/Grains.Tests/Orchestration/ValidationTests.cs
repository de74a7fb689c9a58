using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>Every kind of bad definition is refused by the workflow grain with an error naming the field.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class ValidationTests(OrchestrationCluster cluster)
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "cycle", "steps[1].dependsOn[0]", "dependency cycle: a -> c -> b -> a" },
        { "unknown-dependency", "steps[1].dependsOn[0]", "unknown step 'nope'" },
        { "duplicate-step", "steps[1].id", "duplicate step id 'a'" },
        { "unknown-table", "triggers[0].tables[0]", "unknown table 'raw.not_there'" },
        { "bad-cron", "triggers[0].cron", "'every day' is not a cron expression" },
        { "bad-sql-target", "steps[0].target", "bad SQL target 'no_namespace'" },
        { "bad-time-zone", "triggers[0].timeZone", "unknown time zone 'Mars/Olympus'" },
        { "wrong-id", "id", "does not match the workflow it is stored under" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_definition_is_refused_naming_the_field(string @case, string path, string message)
    {
        var u = OrchestrationCluster.Unique();
        var id = $"bad-{@case}-{u}";
        var definition = Definition(@case, id);

        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        var error = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => grain.PutDefinitionAsync(definition));

        Assert.Contains(error.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Contains(path, error.Message);
        Assert.Null(await grain.GetAsync()); // nothing was stored
    }

    [Fact]
    public async Task Each_stored_version_is_numbered_and_runs_keep_the_version_they_started_with()
    {
        var u = OrchestrationCluster.Unique();
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>($"versions-{u}");
        Assert.Equal(1, await grain.PutDefinitionAsync(new WorkflowBuilder($"versions-{u}").OnManual().Sleep("wait", TimeSpan.FromSeconds(1)).Build()));
        var run = await grain.StartRunAsync(new Abstractions.Runs.RunRequest());
        Assert.Equal(2, await grain.PutDefinitionAsync(new WorkflowBuilder($"versions-{u}").OnManual().Noop("other").Build()));

        var done = await cluster.WaitForRunAsync($"versions-{u}", run);
        Assert.Equal(1, done.DefinitionVersion);
        Assert.Equal("wait", Assert.Single(done.Steps).StepId);
        Assert.Equal(2, (await grain.GetAsync())!.Definition.Version);
    }

    internal static WorkflowDefinition Definition(string @case, string id)
    {
        var manual = new TriggerDefinition[] { new ManualTrigger() };
        return @case switch
        {
            "cycle" => new WorkflowDefinition
            {
                Id = id, Triggers = manual,
                Steps = [new NoopStep { Id = "a", DependsOn = ["c"] }, new NoopStep { Id = "b", DependsOn = ["a"] }, new NoopStep { Id = "c", DependsOn = ["b"] }],
            },
            "unknown-dependency" => new WorkflowDefinition { Id = id, Triggers = manual, Steps = [new NoopStep { Id = "a" }, new NoopStep { Id = "b", DependsOn = ["nope"] }] },
            "duplicate-step" => new WorkflowDefinition { Id = id, Triggers = manual, Steps = [new NoopStep { Id = "a" }, new NoopStep { Id = "a" }] },
            "unknown-table" => new WorkflowDefinition { Id = id, Triggers = [new TableTrigger { Tables = ["raw.not_there"] }], Steps = [new NoopStep { Id = "a" }] },
            "bad-cron" => new WorkflowDefinition { Id = id, Triggers = [new CronTrigger { Cron = "every day" }], Steps = [new NoopStep { Id = "a" }] },
            "bad-sql-target" => new WorkflowDefinition { Id = id, Triggers = manual, Steps = [new SqlStep { Id = "a", Query = "SELECT 1 AS one", Target = "no_namespace" }] },
            "bad-time-zone" => new WorkflowDefinition { Id = id, Triggers = [new CronTrigger { Cron = "0 * * * *", TimeZone = "Mars/Olympus" }], Steps = [new NoopStep { Id = "a" }] },
            "wrong-id" => new WorkflowDefinition { Id = "someone-else", Triggers = manual, Steps = [new NoopStep { Id = "a" }] },
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, null),
        };
    }
}
