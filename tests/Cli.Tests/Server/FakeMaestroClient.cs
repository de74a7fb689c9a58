using System.Runtime.CompilerServices;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Client;

namespace OrleansMaestro.Cli.Tests.Server;

/// <summary>An in-memory <see cref="IMaestroClient"/> that records what the CLI asked and answers as told.</summary>
public sealed class FakeMaestroClient : IMaestroClient
{
    public List<string> Calls { get; } = [];

    public List<WorkflowDefinition> Applied { get; } = [];

    /// <summary>Thrown by every call when set (exit code mapping).</summary>
    public Exception? Failure { get; set; }

    /// <summary>Thrown by <see cref="ApplyWorkflowAsync"/> for this workflow id.</summary>
    public Dictionary<string, Exception> ApplyFailures { get; } = [];

    public Dictionary<string, Exception> ValidateFailures { get; } = [];

    public RunQuery? LastQuery { get; private set; }

    public IReadOnlyDictionary<string, string>? LastParameters { get; private set; }

    public IReadOnlyList<SnapshotRange>? LastSources { get; private set; }

    public List<RunEvent> Events { get; } = [];

    public List<RunInfo> Runs { get; } = [];

    private void Call(string name)
    {
        Calls.Add(name);
        if (Failure is not null)
        {
            throw Failure;
        }
    }

    public Task<int> ApplyWorkflowAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        Call("apply " + definition.Id);
        if (ApplyFailures.TryGetValue(definition.Id, out var e))
        {
            throw e;
        }

        Applied.Add(definition);
        return Task.FromResult(Applied.Count(d => d.Id == definition.Id));
    }

    public Task ValidateWorkflowAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        Call("validate " + definition.Id);
        return ValidateFailures.TryGetValue(definition.Id, out var e) ? Task.FromException(e) : Task.CompletedTask;
    }

    public Task<IReadOnlyList<WorkflowSummary>> ListWorkflowsAsync(CancellationToken cancellationToken = default)
    {
        Call("list workflows");
        return Task.FromResult<IReadOnlyList<WorkflowSummary>>([new WorkflowSummary { Id = "agg", ActiveVersion = 2, LatestVersion = 3, Reads = ["raw.events"], Writes = ["agg.daily"] }]);
    }

    public Task<WorkflowInfo> GetWorkflowAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        Call("get " + workflowId);
        return Task.FromResult(new WorkflowInfo { Definition = Definition(workflowId), ActiveVersion = 1, LatestVersion = 1, Watermarks = new Dictionary<string, long> { ["raw.events"] = 7 } });
    }

    public Task<IReadOnlyList<WorkflowVersionInfo>> ListWorkflowVersionsAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        Call("versions " + workflowId);
        return Task.FromResult<IReadOnlyList<WorkflowVersionInfo>>([new WorkflowVersionInfo { Version = 1 }, new WorkflowVersionInfo { Version = 2, Active = true }]);
    }

    public Task<WorkflowDefinition> GetWorkflowVersionAsync(string workflowId, int version, CancellationToken cancellationToken = default)
    {
        Call($"version {workflowId} {version}");
        return Task.FromResult(Definition(workflowId) with { Version = version });
    }

    public Task<WorkflowInfo> ActivateWorkflowVersionAsync(string workflowId, int version, CancellationToken cancellationToken = default)
    {
        Call($"activate {workflowId} {version}");
        return Task.FromResult(new WorkflowInfo { Definition = Definition(workflowId), ActiveVersion = version, LatestVersion = version });
    }

    public Task DeleteWorkflowAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        Call("delete " + workflowId);
        return Task.CompletedTask;
    }

    public Task<RunReference> StartRunAsync(string workflowId, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default)
    {
        Call("start " + workflowId);
        LastParameters = parameters;
        return Task.FromResult(new RunReference { WorkflowId = workflowId, RunNumber = 5 });
    }

    public Task<RunReference> BackfillAsync(string workflowId, IReadOnlyList<SnapshotRange> sources, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default)
    {
        Call("backfill " + workflowId);
        LastSources = sources;
        LastParameters = parameters;
        return Task.FromResult(new RunReference { WorkflowId = workflowId, RunNumber = 6 });
    }

    public Task<RunInfo> GetRunAsync(RunReference run, CancellationToken cancellationToken = default)
    {
        Call("get run " + run);
        return Task.FromResult(Run(run, RunStatus.Succeeded));
    }

    public Task<IReadOnlyList<RunInfo>> ListRunsAsync(RunQuery? query = null, CancellationToken cancellationToken = default)
    {
        Call("list runs");
        LastQuery = query;
        return Task.FromResult<IReadOnlyList<RunInfo>>(Runs);
    }

    public Task<RunInfo> StopRunAsync(RunReference run, CancellationToken cancellationToken = default)
    {
        Call("stop " + run);
        return Task.FromResult(Run(run, RunStatus.Stopped));
    }

    public Task<RunInfo> RestartRunAsync(RunReference run, CancellationToken cancellationToken = default)
    {
        Call("restart " + run);
        return Task.FromResult(Run(run, RunStatus.Queued));
    }

    public async IAsyncEnumerable<RunEvent> WatchRunAsync(RunReference run, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Call("watch " + run);
        foreach (var e in Events)
        {
            await Task.Yield();
            yield return e;
        }
    }

    public Task<IReadOnlyList<TableSummary>> ListTablesAsync(CancellationToken cancellationToken = default)
    {
        Call("list tables");
        return Task.FromResult<IReadOnlyList<TableSummary>>([new TableSummary { Table = "raw.events", CurrentSnapshotId = 42 }]);
    }

    public Task<TableDetails> GetTableAsync(string table, CancellationToken cancellationToken = default)
    {
        Call("get table " + table);
        return Task.FromResult(new TableDetails { Table = table, MetadataLocation = "/wh/m.json", Columns = [new TableColumn { FieldId = 1, Name = "id", Type = "long" }] });
    }

    public Task<TableSummary> RefreshTableAsync(string table, CancellationToken cancellationToken = default)
    {
        Call("refresh " + table);
        return Task.FromResult(new TableSummary { Table = table, CurrentSnapshotId = 43 });
    }

    public Task<LineageGraph> GetLineageAsync(string? table = null, CancellationToken cancellationToken = default)
    {
        Call("lineage " + (table ?? "*"));
        return Task.FromResult(new LineageGraph
        {
            Nodes = [new LineageNode { Id = "raw.events", Kind = "table" }, new LineageNode { Id = "agg", Kind = "workflow" }],
            Edges = [new LineageEdge { From = "raw.events", To = "agg", Kind = "reads" }],
        });
    }

    public Task<SignalAccepted> SignalAsync(string signal, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default)
    {
        Call("signal " + signal);
        LastParameters = parameters;
        return Task.FromResult(new SignalAccepted { Signal = signal, Runs = [new RunReference { WorkflowId = "on-sig", RunNumber = 1 }] });
    }

    public static WorkflowDefinition Definition(string id) => new()
    {
        Id = id,
        Steps = [new NoopStep { Id = "a" }, new NoopStep { Id = "b", DependsOn = ["a"] }],
    };

    public static RunInfo Run(RunReference run, RunStatus status, string? error = null) => new()
    {
        WorkflowId = run.WorkflowId,
        RunNumber = run.RunNumber,
        Status = status,
        Error = error,
        DefinitionVersion = 1,
        Steps = [new StepInfo { StepId = "a", Status = status }, new StepInfo { StepId = "b", Status = status }],
    };
}
