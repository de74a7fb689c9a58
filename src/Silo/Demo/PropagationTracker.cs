using System.Globalization;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Silo.Demo;

/// <summary>
/// Follows each generator commit through the pipeline, from what the grains and tables record: the hourly-aggregate run
/// whose raw.events range covers the commit, the agg.event_counts snapshot that run committed, the top-countries run
/// whose range covers that snapshot, and the agg.top_countries snapshot it committed. Also checks every new aggregate
/// against a recompute and reports runs that failed. Only the runs of this demo count (the watchers' floors).
/// </summary>
internal sealed class PropagationTracker(
    SqlCatalog catalog,
    AggregateCheck check,
    DemoConsole console,
    RunWatcher aggregateRuns,
    RunWatcher topRuns)
{
    private readonly List<RawCommit> _pending = [];
    private readonly HashSet<long> _checked = [];
    private readonly HashSet<(string Workflow, long Run)> _reported = [];

    public DemoTally Tally { get; } = new();

    public IReadOnlyList<RawCommit> Pending => _pending;

    public void Add(RawCommit commit)
    {
        _pending.Add(commit);
        Tally.Commits++;
    }

    public async Task PollAsync(bool topStored, CancellationToken cancellationToken)
    {
        var aggregate = await aggregateRuns.RunsAsync(cancellationToken);
        var top = topStored ? await topRuns.RunsAsync(cancellationToken) : [];
        ReportFinished(SampleWorkflows.Aggregate, aggregate);
        ReportFinished(SampleWorkflows.Top, top);

        var eventsSnapshots = await DemoTables.SnapshotsAsync(catalog, DemoTables.Events, cancellationToken);
        var countsSnapshots = await DemoTables.SnapshotsAsync(catalog, DemoTables.Counts, cancellationToken);
        var topSnapshots = await DemoTables.SnapshotsAsync(catalog, DemoTables.Top, cancellationToken);
        await CheckAggregatesAsync(aggregate, cancellationToken);

        foreach (var commit in _pending.ToArray())
        {
            if (Resolve(commit, aggregate, top, eventsSnapshots, countsSnapshots, topSnapshots))
            {
                _pending.Remove(commit);
            }
        }
    }

    private bool Resolve(
        RawCommit commit,
        IReadOnlyList<RunInfo> aggregateRuns,
        IReadOnlyList<RunInfo> topRuns,
        IReadOnlyDictionary<long, Snapshot> events,
        IReadOnlyDictionary<long, Snapshot> counts,
        IReadOnlyDictionary<long, Snapshot> top)
    {
        var aggregate = aggregateRuns.FirstOrDefault(r => r.Status == RunStatus.Succeeded
            && SnapshotLineage.Covers(events, SnapshotLineage.RangeOf(r, DemoTables.Events), commit.SnapshotId));
        if (aggregate is null || CommittedSnapshot(aggregate, "aggregate", counts) is not { } countsSnapshot)
        {
            return false;
        }

        var ranking = topRuns.FirstOrDefault(r => r.Status == RunStatus.Succeeded
            && SnapshotLineage.Covers(counts, SnapshotLineage.RangeOf(r, DemoTables.Counts), countsSnapshot.SnapshotId));
        if (ranking is null || CommittedSnapshot(ranking, "rank", top) is not { } topSnapshot)
        {
            return false;
        }

        var t0 = commit.CommittedAt;
        var t1 = aggregate.StartedAt ?? aggregate.CreatedAt;
        var t2 = countsSnapshot.Timestamp;
        var t3 = ranking.StartedAt ?? ranking.CreatedAt;
        var t4 = topSnapshot.Timestamp;
        Tally.EndToEndMs.Add((t4 - t0).TotalMilliseconds);
        console.Line(string.Create(CultureInfo.InvariantCulture,
            $"[bold]chain[/] {DemoTables.Events}@{commit.SnapshotId} +{commit.Rows} rows at {t0.ToLocalTime():HH:mm:ss.fff}"
            + $" -> {SampleWorkflows.Aggregate} run {aggregate.RunNumber} started [yellow]+{Ms(t1 - t0)} ms[/]"
            + $" -> {DemoTables.Counts}@{countsSnapshot.SnapshotId} committed [yellow]+{Ms(t2 - t1)} ms[/]"
            + $" -> {SampleWorkflows.Top} run {ranking.RunNumber} started [yellow]+{Ms(t3 - t2)} ms[/]"
            + $" -> {DemoTables.Top}@{topSnapshot.SnapshotId} committed [yellow]+{Ms(t4 - t3)} ms[/]"
            + $" = [bold]{Ms(t4 - t0)} ms end to end[/]"));
        return true;
    }

    private async Task CheckAggregatesAsync(IReadOnlyList<RunInfo> aggregateRuns, CancellationToken cancellationToken)
    {
        foreach (var run in aggregateRuns.Where(r => r.Status == RunStatus.Succeeded && !_checked.Contains(r.RunNumber)))
        {
            _checked.Add(run.RunNumber);
            var consumed = SnapshotLineage.RangeOf(run, DemoTables.Events)?.ToInclusive;
            if (consumed is null || !TryCommittedSnapshotId(run, "aggregate", out var produced))
            {
                continue; // a run over no new rows commits nothing, so there is no new aggregate to check
            }

            var result = await check.RunAsync(consumed.Value, produced, cancellationToken);
            var subject = string.Create(CultureInfo.InvariantCulture,
                $"[bold]check[/] {SampleWorkflows.Aggregate} run {run.RunNumber}: {DemoTables.Counts}@{produced} summed vs {DemoTables.Events}@{consumed} recomputed:");
            if (result.Ok)
            {
                Tally.ChecksOk++;
                console.Line(string.Create(CultureInfo.InvariantCulture,
                    $"{subject} [green]OK[/] ({result.Groups} hour/country groups, {result.Events} events, amount {result.Amount:0.00})"));
            }
            else
            {
                Tally.Mismatches++;
                console.Line($"{subject} [red]MISMATCH[/] in {result.Differences.Count} groups");
                foreach (var difference in result.Differences.Take(5))
                {
                    console.Line("  " + DemoConsole.Escape(difference));
                }
            }
        }
    }

    private void ReportFinished(string workflowId, IReadOnlyList<RunInfo> runs)
    {
        foreach (var run in runs.Where(r => r.Status.IsFinal() && r.Status != RunStatus.Succeeded))
        {
            if (!_reported.Add((workflowId, run.RunNumber)))
            {
                continue;
            }

            if (run.Status == RunStatus.Stopped && workflowId == SampleWorkflows.Top)
            {
                // lastOnly: a newer commit replaced the run while it ran; the newer run covers its snapshots.
                Tally.SupersededRuns++;
                console.Line($"[grey]{workflowId} run {run.RunNumber} superseded by a newer commit (lastOnly strategy)[/]");
                continue;
            }

            Tally.FailedRuns++;
            var error = run.Error ?? run.Steps.FirstOrDefault(s => s.Error is not null)?.Error ?? "no error recorded";
            console.Line($"[red]FAILED[/] {workflowId} run {run.RunNumber}: {run.Status}: {DemoConsole.Escape(error)}");
        }
    }

    private static Snapshot? CommittedSnapshot(RunInfo run, string stepId, IReadOnlyDictionary<long, Snapshot> snapshots) =>
        TryCommittedSnapshotId(run, stepId, out var id) ? snapshots.GetValueOrDefault(id) : null;

    private static bool TryCommittedSnapshotId(RunInfo run, string stepId, out long snapshotId)
    {
        snapshotId = 0;
        return run.Steps.FirstOrDefault(s => s.StepId == stepId)?.Outputs.TryGetValue("snapshot-id", out var text) == true
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out snapshotId);
    }

    private static string Ms(TimeSpan delay) => delay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
