using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Client.Tests.EndToEnd;

/// <summary>The workflow operations of <see cref="IMaestroClient"/> against a real silo, over both transports.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class WorkflowOperationsTests(EmbeddedSilo silo)
{
    [Theory]
    [InlineData("http")]
    [InlineData("orleans")]
    public async Task A_workflow_is_applied_versioned_activated_and_deleted(string transport)
    {
        var client = silo.Client(transport);
        var id = $"{transport}-lifecycle";
        var v1 = new WorkflowBuilder(id).Description("first").OnManual().Noop("a").Build();
        var v2 = new WorkflowBuilder(id).Description("second").OnManual().Noop("a").Noop("b", dependsOn: ["a"]).Build();

        await client.ValidateWorkflowAsync(v1);
        Assert.Equal(1, await client.ApplyWorkflowAsync(v1));
        Assert.Equal(2, await client.ApplyWorkflowAsync(v2));

        var listed = Assert.Single(await client.ListWorkflowsAsync(), w => w.Id == id);
        Assert.Equal(2, listed.ActiveVersion);
        var info = await client.GetWorkflowAsync(id);
        Assert.Equal(2, info.ActiveVersion);
        Assert.Equal(2, info.Definition.Steps.Count);

        var versions = await client.ListWorkflowVersionsAsync(id);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        var first = await client.GetWorkflowVersionAsync(id, 1);
        Assert.Equal("first", first.Description);
        Assert.IsType<NoopStep>(Assert.Single(first.Steps));

        var activated = await client.ActivateWorkflowVersionAsync(id, 1);
        Assert.Equal(1, activated.ActiveVersion);
        Assert.Equal("first", (await client.GetWorkflowAsync(id)).Definition.Description);

        await client.DeleteWorkflowAsync(id);
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.GetWorkflowAsync(id));
        Assert.DoesNotContain(await client.ListWorkflowsAsync(), w => w.Id == id);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("orleans")]
    public async Task An_invalid_definition_is_refused_naming_the_field(string transport)
    {
        var client = silo.Client(transport);
        // Built by hand: the builder would refuse it before it reached the cluster.
        var invalid = new WorkflowDefinition
        {
            Id = $"{transport}-invalid",
            Triggers = [new ManualTrigger()],
            Steps = [new NoopStep { Id = "a" }, new NoopStep { Id = "b", DependsOn = ["missing"] }],
        };

        var validate = await Assert.ThrowsAsync<MaestroValidationException>(() => client.ValidateWorkflowAsync(invalid));
        Assert.Contains("steps[1].dependsOn[0]", validate.Errors.Keys);
        Assert.Equal(400, validate.Status);

        var apply = await Assert.ThrowsAsync<MaestroValidationException>(() => client.ApplyWorkflowAsync(invalid));
        Assert.Contains("steps[1].dependsOn[0]", apply.Errors.Keys);
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.GetWorkflowAsync(invalid.Id));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("orleans")]
    public async Task Missing_workflows_and_versions_are_not_found(string transport)
    {
        var client = silo.Client(transport);
        var missing = $"{transport}-never-stored";
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.GetWorkflowAsync(missing));
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.ListWorkflowVersionsAsync(missing));
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.ActivateWorkflowVersionAsync(missing, 1));
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.StartRunAsync(missing));

        var id = $"{transport}-one-version";
        await client.ApplyWorkflowAsync(new WorkflowBuilder(id).OnManual().Noop("a").Build());
        var e = await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.GetWorkflowVersionAsync(id, 9));
        Assert.Equal(404, e.Status);
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.ActivateWorkflowVersionAsync(id, 9));
    }
}
