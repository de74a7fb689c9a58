using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Orchestration;

namespace OrleansMaestro.Silo.Demo;

/// <summary>
/// The runs of one workflow numbered after <paramref name="floor"/>, read from the run grains themselves. Not through
/// <see cref="IWorkflowGrain.ListRunsAsync"/>: that walks the runs inside the workflow grain's turn, and polling it
/// several times a second would hold up the very signals whose delays the demo measures. Run queries interleave, and
/// finished runs are cached since they no longer change.
/// </summary>
internal sealed class RunWatcher(IGrainFactory grains, string workflowId, long floor)
{
    private readonly SortedDictionary<long, RunInfo> _finished = [];

    public string WorkflowId => workflowId;

    /// <summary>Every known run after the floor, oldest first (queued runs without a run grain yet are left out).</summary>
    public async Task<IReadOnlyList<RunInfo>> RunsAsync(CancellationToken cancellationToken)
    {
        var workflow = await grains.GetGrain<IWorkflowGrain>(workflowId).GetAsync().WaitAsync(cancellationToken);
        var runs = new List<RunInfo>();
        for (var number = floor + 1; number <= (workflow?.LastRunNumber ?? floor); number++)
        {
            if (_finished.TryGetValue(number, out var finished))
            {
                runs.Add(finished);
                continue;
            }

            var run = await grains.GetGrain<IRunGrain>(RunKeys.Run(workflowId, number)).GetAsync().WaitAsync(cancellationToken);
            if (run is null)
            {
                continue;
            }

            if (run.Status.IsFinal())
            {
                _finished[number] = run;
            }

            runs.Add(run);
        }

        return runs;
    }
}
