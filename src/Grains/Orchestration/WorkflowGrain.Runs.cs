using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Orchestration;

// Reading runs: queued ones from this grain's state, started ones from their run grains. Finished runs do not change
// (until restarted), so their info is kept in memory and a listing asks only the run grains of unfinished runs.
public sealed partial class WorkflowGrain
{
    /// <summary>How many run grains a listing asks at once.</summary>
    private const int RunReadBatch = 32;

    private readonly Dictionary<long, RunInfo> _finishedRuns = [];

    public async Task<RunInfo?> GetRunAsync(long runNumber)
    {
        if (S.Current is null || runNumber < 1 || runNumber > S.LastRunNumber)
        {
            return null;
        }

        return await ReadRunAsync(runNumber);
    }

    public Task<IReadOnlyList<RunInfo>> ListRunsAsync(int limit) =>
        QueryRunsAsync(new RunQuery { Limit = Math.Clamp(limit, 1, RunQuery.MaxLimit) });

    public async Task<IReadOnlyList<RunInfo>> QueryRunsAsync(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Existing();
        query.ThrowIfInvalid();
        var filter = query with { WorkflowId = null };
        var want = Math.Min(query.Limit, _options.RunHistory);
        var oldest = Math.Max(1, S.LastRunNumber - _options.RunHistory + 1);
        var result = new List<RunInfo>();
        for (var newest = S.LastRunNumber; newest >= oldest && result.Count < want; newest -= RunReadBatch)
        {
            var numbers = Enumerable.Range(0, (int)Math.Min(RunReadBatch, newest - oldest + 1)).Select(i => newest - i);
            var batch = await Task.WhenAll(numbers.Select(ReadRunAsync));
            result.AddRange(batch.OfType<RunInfo>().Where(filter.Matches));
        }

        ForgetFinishedRunsBefore(oldest);
        // Run numbers follow creation, so the newest numbers are the newest runs; the order is the directory's.
        return [.. result.Take(want).Order(RunQuery.NewestFirst)];
    }

    /// <summary>One run: queued in this grain (no run grain yet, or its start was lost), or as its run grain has it.</summary>
    private async Task<RunInfo?> ReadRunAsync(long runNumber)
    {
        if (S.Pending.Find(p => p.RunNumber == runNumber) is { } pending)
        {
            return Queued(runNumber, S.Current!, pending.Trigger, pending.Parameters, pending.CreatedAt);
        }

        if (_finishedRuns.TryGetValue(runNumber, out var finished))
        {
            return finished;
        }

        var info = await GrainFactory.GetGrain<IRunGrain>(RunKeys.Run(WorkflowId, runNumber)).GetAsync();
        if (info is null && S.Plans.TryGetValue(runNumber, out var plan))
        {
            // Planned, but the run grain has not (or, after a crash, not yet) been started: reconciliation starts it.
            return Queued(runNumber, plan.Definition, plan.Trigger, plan.Parameters, plan.CreatedAt) with { Sources = plan.Sources };
        }

        // An active run may be final in its grain before its report arrives; it is kept only once this grain knows.
        if (info is not null && info.Status.IsFinal() && !S.ActiveRuns.Contains(runNumber))
        {
            _finishedRuns[runNumber] = info;
        }

        return info;
    }

    /// <summary>A run not started yet (revision 0: there is no run grain state to wait on).</summary>
    private RunInfo Queued(long runNumber, WorkflowDefinition definition, string trigger, IReadOnlyDictionary<string, string> parameters, DateTimeOffset? createdAt) => new()
    {
        WorkflowId = WorkflowId,
        RunNumber = runNumber,
        DefinitionVersion = definition.Version,
        Status = RunStatus.Queued,
        Trigger = trigger,
        Parameters = parameters,
        CreatedAt = createdAt ?? default,
        Steps = definition.Steps.Select(s => new StepInfo { StepId = s.Id }).ToArray(),
    };

    private void ForgetFinishedRunsBefore(long oldest)
    {
        foreach (var number in _finishedRuns.Keys.Where(n => n < oldest).ToArray())
        {
            _finishedRuns.Remove(number);
        }
    }

    /// <summary>A manual, cron or signal start for the queue (the run strategy decides when it runs), with the next run number.</summary>
    private PendingStart NewPending(string trigger, Dictionary<string, string> parameters) => new()
    {
        RunNumber = ++S.LastRunNumber,
        Trigger = trigger,
        Parameters = new(parameters, StringComparer.Ordinal),
        CreatedAt = _time.GetUtcNow(),
        TraceParent = Telemetry.MaestroTelemetry.CurrentTraceParent(),
    };

    /// <summary>
    /// Records every queued start as a stopped run with <paramref name="reason"/> and empties the queue. Each is recorded
    /// before it leaves the queue, so a crash in between records it again (idempotent), never loses its number.
    /// </summary>
    private async Task SkipPendingAsync(string reason)
    {
        if (S.Pending.Count == 0 || S.Current is not { } definition)
        {
            return;
        }

        foreach (var pending in S.Pending)
        {
            var plan = new RunPlan
            {
                Definition = definition,
                RunNumber = pending.RunNumber,
                Parameters = pending.Parameters,
                Trigger = pending.Trigger,
                CreatedAt = pending.CreatedAt,
            };
            await GrainFactory.GetGrain<IRunGrain>(RunKeys.Run(WorkflowId, pending.RunNumber)).SkipAsync(plan, reason);
        }

        S.Pending.Clear();
        _telemetry.WorkflowChanged(WorkflowId, S);
        await _state.WriteStateAsync();
    }
}
