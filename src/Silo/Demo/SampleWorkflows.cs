using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Silo.Demo;

/// <summary>The sample definitions of samples/pipeline, stored in their workflow grains when missing or changed.</summary>
internal sealed class SampleWorkflows(IGrainFactory grains, IOptions<DemoOptions> options)
{
    public const string Aggregate = "hourly-aggregate";
    public const string Top = "top-countries";

    private string Directory => options.Value.SamplesDirectory ?? Path.Combine(AppContext.BaseDirectory, "samples", "pipeline");

    /// <summary>Stores the sample unless the grain already holds the same definition; returns the stored version and whether it is new.</summary>
    public async Task<(int Version, bool Stored)> EnsureAsync(string id, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Directory, id + ".json");
        var definition = WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(file, cancellationToken));
        var grain = grains.GetGrain<IWorkflowGrain>(id);
        if (await grain.GetAsync().WaitAsync(cancellationToken) is { } current && SameDefinition(current.Definition, definition))
        {
            // Storing it again would only add a version; a restarted demo continues with the workflow it had.
            return (current.Definition.Version, false);
        }

        return (await grain.PutDefinitionAsync(definition).WaitAsync(cancellationToken), true);
    }

    public async Task<WorkflowInfo?> GetAsync(string id, CancellationToken cancellationToken) =>
        await grains.GetGrain<IWorkflowGrain>(id).GetAsync().WaitAsync(cancellationToken);

    private static bool SameDefinition(WorkflowDefinition stored, WorkflowDefinition sample) =>
        WorkflowDefinitionJson.ToJson(stored with { Version = 0 }) == WorkflowDefinitionJson.ToJson(sample with { Version = 0 });
}
