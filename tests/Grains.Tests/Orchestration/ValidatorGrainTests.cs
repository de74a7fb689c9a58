using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>The validator grain refuses what storing refuses, with the same errors, and stores nothing.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class ValidatorGrainTests(OrchestrationCluster cluster)
{
    private IWorkflowValidatorGrain Validator => cluster.Grains.GetGrain<IWorkflowValidatorGrain>(IWorkflowValidatorGrain.Key);

    public static TheoryData<string> Cases => [.. ValidationTests.Cases.Select(c => (string)c[0]).Where(c => c != "wrong-id")];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_validator_gives_the_errors_storing_gives(string @case)
    {
        var id = $"val-{@case}-{OrchestrationCluster.Unique()}";
        var definition = ValidationTests.Definition(@case, id);

        var errors = await Validator.ValidateAsync(definition);
        var refused = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => cluster.PutAsync(definition));

        Assert.NotEmpty(errors);
        Assert.Equal(refused.Errors, errors);
    }

    [Fact]
    public async Task A_valid_definition_has_no_errors_and_is_not_stored()
    {
        var u = OrchestrationCluster.Unique();
        var raw = $"raw.val_{u}";
        await cluster.CreateEventsAsync(raw);
        var definition = Pipelines.Aggregate($"val-ok-{u}", raw, $"agg.val_{u}").OnSignal($"val-{u}").Build();

        Assert.Empty(await Validator.ValidateAsync(definition));

        Assert.Null(await cluster.Grains.GetGrain<IWorkflowGrain>(definition.Id).GetAsync());
        Assert.DoesNotContain(await cluster.Grains.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key).ListAsync(), w => w.Id == definition.Id);
        Assert.Empty((await cluster.Grains.GetGrain<ITableGrain>(raw).GetAsync()).Subscribers);
        Assert.Empty(await cluster.Grains.GetGrain<ISignalGrain>($"val-{u}").GetSubscribersAsync());
    }

    [Fact]
    public async Task Every_error_is_reported_at_once()
    {
        var definition = new WorkflowDefinition
        {
            Id = "has space",
            Triggers = [new TableTrigger { Tables = ["raw.not_there_at_all"] }, new SignalTrigger { Name = "a/b" }],
            Steps = [new NoopStep { Id = "a", DependsOn = ["b"] }],
        };

        var errors = await Validator.ValidateAsync(definition);

        Assert.Equal(["id", "triggers[0].tables[0]", "triggers[1].name", "steps[0].dependsOn[0]"], errors.Select(e => e.Path));
    }
}
