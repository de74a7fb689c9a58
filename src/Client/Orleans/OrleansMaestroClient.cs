using System.Runtime.CompilerServices;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Client.OrleansTransport;

/// <summary>
/// <see cref="IMaestroClient"/> over an Orleans cluster client: calls the grains directly (no HTTP hop, no API key; the
/// client must be able to reach the silos' gateway port). Grain errors become the same <see cref="MaestroException"/>s
/// the HTTP transport throws. Grain calls cannot be cancelled mid-flight: a cancelled token stops the wait, not the call.
/// </summary>
public sealed class OrleansMaestroClient : IMaestroClient
{
    private readonly IGrainFactory _grains;

    /// <summary>A client over <paramref name="grains"/> (an <c>IClusterClient</c>, started by the host).</summary>
    public OrleansMaestroClient(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
    }

    /// <inheritdoc />
    public Task<int> ApplyWorkflowAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Id))
        {
            // The id is the grain's key (the HTTP API answers the same).
            throw new MaestroValidationException("A workflow needs an id.", new Dictionary<string, string[]> { ["id"] = ["required: a workflow needs an id."] });
        }

        return CallAsync(() => Workflow(definition.Id).PutDefinitionAsync(definition), cancellationToken);
    }

    /// <inheritdoc />
    public async Task ValidateWorkflowAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = await CallAsync(() => _grains.GetGrain<IWorkflowValidatorGrain>(IWorkflowValidatorGrain.Key).ValidateAsync(definition), cancellationToken);
        if (errors.Count > 0)
        {
            throw GrainErrors.Map(new WorkflowDefinitionException(errors));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkflowSummary>> ListWorkflowsAsync(CancellationToken cancellationToken = default) =>
        CallAsync(() => Registry.ListAsync(), cancellationToken);

    /// <inheritdoc />
    public async Task<WorkflowInfo> GetWorkflowAsync(string workflowId, CancellationToken cancellationToken = default) =>
        await CallAsync(() => Workflow(workflowId).GetAsync(), cancellationToken)
        ?? throw new MaestroNotFoundException($"Workflow {workflowId} does not exist.");

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowVersionInfo>> ListWorkflowVersionsAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        var versions = await CallAsync(() => Workflow(workflowId).ListVersionsAsync(), cancellationToken);
        // A workflow never stored has no versions; a deleted one keeps them (as the HTTP API answers).
        return versions.Count > 0 ? versions : throw new MaestroNotFoundException($"Workflow {workflowId} does not exist.");
    }

    /// <inheritdoc />
    public async Task<WorkflowDefinition> GetWorkflowVersionAsync(string workflowId, int version, CancellationToken cancellationToken = default) =>
        await CallAsync(() => Workflow(workflowId).GetVersionAsync(version), cancellationToken)
        ?? throw new MaestroNotFoundException($"Workflow {workflowId} has no version {version}.");

    /// <inheritdoc />
    public Task<WorkflowInfo> ActivateWorkflowVersionAsync(string workflowId, int version, CancellationToken cancellationToken = default) =>
        CallAsync(() => Workflow(workflowId).ActivateVersionAsync(version), cancellationToken);

    /// <inheritdoc />
    public Task DeleteWorkflowAsync(string workflowId, CancellationToken cancellationToken = default) =>
        CallAsync(async () =>
        {
            await Workflow(workflowId).DeleteAsync();
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<RunReference> StartRunAsync(string workflowId, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default)
    {
        var number = await CallAsync(() => Workflow(workflowId).StartRunAsync(new RunRequest { Parameters = parameters ?? new Dictionary<string, string>() }), cancellationToken);
        return new RunReference { WorkflowId = workflowId, RunNumber = number };
    }

    /// <inheritdoc />
    public async Task<RunReference> BackfillAsync(string workflowId, IReadOnlyList<SnapshotRange> sources, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var number = await CallAsync(() => Workflow(workflowId).StartRunAsync(new RunRequest
        {
            Parameters = parameters ?? new Dictionary<string, string>(),
            Sources = sources,
        }), cancellationToken);
        return new RunReference { WorkflowId = workflowId, RunNumber = number };
    }

    /// <inheritdoc />
    public Task<RunInfo> GetRunAsync(RunReference run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return CallAsync(() => RunControl.GetAsync(_grains, run, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunInfo>> ListRunsAsync(RunQuery? query = null, CancellationToken cancellationToken = default)
    {
        var q = query ?? new RunQuery();
        return CallAsync(() =>
        {
            q.ThrowIfInvalid();
            return _grains.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key).QueryAsync(q);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunInfo> StopRunAsync(RunReference run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return CallAsync(() => RunControl.StopAsync(_grains, run, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunInfo> RestartRunAsync(RunReference run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return CallAsync(() => RunControl.RestartAsync(_grains, run, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RunEvent> WatchRunAsync(RunReference run, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var events = RunWatch.WatchAsync(_grains, run, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception e) when (GrainErrors.ShouldMap(e))
            {
                throw GrainErrors.Map(e);
            }

            yield return events.Current;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TableSummary>> ListTablesAsync(CancellationToken cancellationToken = default) =>
        CallAsync(() => Tables.ListTablesAsync(), cancellationToken);

    /// <inheritdoc />
    public async Task<TableDetails> GetTableAsync(string table, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        return await CallAsync(() => Tables.GetTableAsync(table), cancellationToken)
            ?? throw new MaestroNotFoundException($"Table {table} does not exist in the catalog.");
    }

    /// <inheritdoc />
    public async Task<TableSummary> RefreshTableAsync(string table, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        // The directory checks the name against the catalog first: a table grain for a name that is no table would be kept.
        var details = await GetTableAsync(table, cancellationToken);
        var info = await CallAsync(() => _grains.GetGrain<ITableGrain>(details.Table).RefreshAsync(), cancellationToken);
        return new TableSummary { Table = info.Table, CurrentSnapshotId = info.CurrentSnapshotId, LastCommitAt = info.LastCommitAt };
    }

    /// <inheritdoc />
    public Task<LineageGraph> GetLineageAsync(string? table = null, CancellationToken cancellationToken = default) =>
        CallAsync(() => Registry.GetLineageAsync(table), cancellationToken);

    /// <inheritdoc />
    public Task<SignalAccepted> SignalAsync(string signal, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signal);
        return CallAsync(() => _grains.GetGrain<ISignalGrain>(signal).PostAsync(parameters ?? new Dictionary<string, string>()), cancellationToken);
    }

    private IWorkflowRegistryGrain Registry => _grains.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key);

    private ITableDirectoryGrain Tables => _grains.GetGrain<ITableDirectoryGrain>(ITableDirectoryGrain.Key);

    private IWorkflowGrain Workflow(string workflowId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowId);
        return _grains.GetGrain<IWorkflowGrain>(workflowId);
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call().WaitAsync(cancellationToken);
        }
        catch (Exception e) when (GrainErrors.ShouldMap(e))
        {
            throw GrainErrors.Map(e);
        }
    }
}
