using System.Diagnostics.Metrics;
using OrleansMaestro.Grains.Orchestration;

namespace OrleansMaestro.Grains.Telemetry;

/// <summary>
/// What the workflow grains of this silo last reported of their sources (latest snapshot, watermark) and queue, so
/// the observable gauges are computed at collection time from copies: a scrape never calls (or waits on) a grain.
/// </summary>
internal sealed class FreshnessTracker(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WorkflowEntry> _workflows = new(StringComparer.Ordinal);

    /// <summary>Copies what the gauges need from <paramref name="state"/> (called on the grain's own turn).</summary>
    public void Report(string workflowId, WorkflowGrainState state)
    {
        lock (_gate)
        {
            if (!_workflows.TryGetValue(workflowId, out var workflow))
            {
                _workflows[workflowId] = workflow = new WorkflowEntry();
            }

            workflow.QueueDepth = state.Pending.Count;
            // Latest keeps every table the workflow ever heard of; only the active version's sources are reported,
            // or a source dropped by a new version would show a lag that grows for ever.
            var reads = state.Current?.SourceTables.ToHashSet(StringComparer.Ordinal);
            var reported = state.Latest.Where(entry => reads is null || reads.Contains(entry.Key)).ToArray();
            foreach (var (table, latest) in reported)
            {
                if (!workflow.Tables.TryGetValue(table, out var source))
                {
                    workflow.Tables[table] = source = new SourceEntry();
                }

                source.Update(
                    latest,
                    state.LatestSequence.GetValueOrDefault(table),
                    state.LatestCommitAt.TryGetValue(table, out var at) ? at : time.GetUtcNow(),
                    state.Watermarks.TryGetValue(table, out var watermark) ? watermark : null);
            }

            // A source the active version no longer reads stops being reported.
            foreach (var gone in workflow.Tables.Keys.Where(t => !reported.Any(entry => entry.Key == t)).ToArray())
            {
                workflow.Tables.Remove(gone);
            }
        }
    }

    /// <summary>Drops a workflow's series (deleted, or its grain left this silo).</summary>
    public void Forget(string workflowId)
    {
        lock (_gate)
        {
            _workflows.Remove(workflowId);
        }
    }

    public IEnumerable<Measurement<long>> LagSnapshots()
    {
        lock (_gate)
        {
            return [.. _workflows.SelectMany(w => w.Value.Tables.Select(t => new Measurement<long>(t.Value.LagSnapshots, Tags(w.Key, t.Key))))];
        }
    }

    public IEnumerable<Measurement<double>> LagSeconds()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return [.. _workflows.SelectMany(w => w.Value.Tables.Select(t => new Measurement<double>(t.Value.LagSeconds(now), Tags(w.Key, t.Key))))];
        }
    }

    public IEnumerable<Measurement<int>> QueueDepths()
    {
        lock (_gate)
        {
            return [.. _workflows.Select(w => new Measurement<int>(w.Value.QueueDepth, new KeyValuePair<string, object?>(TelemetryTags.Workflow, w.Key)))];
        }
    }

    private static KeyValuePair<string, object?>[] Tags(string workflow, string table) =>
        [new(TelemetryTags.Workflow, workflow), new(TelemetryTags.Table, table)];

    private sealed class WorkflowEntry
    {
        public int QueueDepth { get; set; }

        public Dictionary<string, SourceEntry> Tables { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// One source of one workflow. The grain's state holds the latest snapshot's sequence number and commit time but
    /// only the watermark's snapshot id, so the snapshots seen since the watermark are remembered here: the lag in
    /// snapshots is the sequence-number distance (or, for format v1 tables whose sequence numbers are all 0, the
    /// number of snapshots heard of), and the lag in seconds is how long the oldest unconsumed one has waited.
    /// </summary>
    private sealed class SourceEntry
    {
        private readonly List<(long Snapshot, long Sequence, DateTimeOffset CommittedAt)> _unconsumed = [];
        private long? _latest;
        private long _latestSequence;
        private long? _watermark;
        private long? _watermarkSequence;

        public void Update(long latest, long sequence, DateTimeOffset committedAt, long? watermark)
        {
            if (_latest != latest && _unconsumed.TrueForAll(u => u.Snapshot != latest))
            {
                _unconsumed.Add((latest, sequence, committedAt));
            }

            _latest = latest;
            _latestSequence = sequence;
            if (watermark != _watermark && watermark is { } consumed)
            {
                var index = _unconsumed.FindIndex(u => u.Snapshot == consumed);
                _watermarkSequence = index >= 0 ? _unconsumed[index].Sequence : consumed == latest ? sequence : null;
                _unconsumed.RemoveRange(0, index >= 0 ? index + 1 : consumed == latest ? _unconsumed.Count : 0);
            }

            _watermark = watermark;
        }

        public long LagSnapshots =>
            _watermark == _latest ? 0
            : _latestSequence > 0 && (_watermarkSequence is not null || _watermark is null) ? _latestSequence - (_watermarkSequence ?? 0)
            : Math.Max(1, _unconsumed.Count);

        public double LagSeconds(DateTimeOffset now) =>
            _watermark == _latest || _unconsumed.Count == 0 ? 0 : Math.Max(0, (now - _unconsumed.Min(u => u.CommittedAt)).TotalSeconds);
    }
}
