using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Orchestration;

namespace OrleansMaestro.Cluster.Bench;

/// <summary>
/// Durable step completions per second: a manual workflow of cheap <c>noop</c> steps in a fan-out/fan-in DAG (one
/// root, the rest in parallel after it, one sink after those), started <c>runs</c> times at once through
/// <see cref="IWorkflowGrain.StartRunAsync"/> under the parallel strategy. The run grain writes its state when it
/// records a step's attempt and again when it records the completion, so each completed step is two grain-state writes.
/// </summary>
internal static class StepRateBench
{
    public sealed record Result(int Runs, int StepsPerRun, TimeSpan Elapsed, IReadOnlyList<RunInfo> RunInfos)
    {
        /// <summary>When the last run was created, from the start: each workflow grain accepts its starts one at a time.</summary>
        public TimeSpan LastCreated { get; init; }

        public double MedianRunMs => Median(RunInfos.Select(i => (i.FinishedAt!.Value - i.StartedAt!.Value).TotalMilliseconds));

        public double MedianStepMs => Median(RunInfos.SelectMany(i => i.Steps).Select(x => (x.FinishedAt!.Value - x.StartedAt!.Value).TotalMilliseconds));

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }

        public int Steps => Runs * StepsPerRun;

        public double PerSecond => Steps / Elapsed.TotalSeconds;
    }

    public static WorkflowDefinition Definition(string id, int steps, int maxParallel)
    {
        var builder = new WorkflowBuilder(id).OnManual().Parallel(maxParallel).Noop("root");
        var fan = Enumerable.Range(1, steps - 2).Select(i => $"f{i:D2}").ToArray();
        foreach (var step in fan)
        {
            builder.Noop(step, ["root"]);
        }

        return builder.Noop("sink", fan).Build();
    }

    /// <summary>
    /// Spreads <paramref name="runs"/> over <paramref name="workflows"/> workflows (ids <c>{prefix}-0</c>, ...), all
    /// started at once. A warm-up of half as many runs first, so activation, JIT and connection pools are warm.
    /// </summary>
    public static async Task<Result> RunAsync(IGrainFactory grains, string prefix, int workflows, int runs, int steps, int maxParallel, CancellationToken cancellationToken)
    {
        await MeasureAsync(grains, $"warmup-{prefix}", workflows, Math.Max(maxParallel * 2 * workflows, runs / 2), steps, maxParallel, cancellationToken);
        return await MeasureAsync(grains, prefix, workflows, runs, steps, maxParallel, cancellationToken);
    }

    private static async Task<Result> MeasureAsync(IGrainFactory grains, string prefix, int workflows, int runs, int steps, int maxParallel, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, workflows).Select(i => $"{prefix}-{i}").ToArray();
        await Task.WhenAll(ids.Select(id => grains.GetGrain<IWorkflowGrain>(id).PutDefinitionAsync(Definition(id, steps, maxParallel))));

        var start = DateTimeOffset.UtcNow;
        var perWorkflow = await Task.WhenAll(ids.Select(async (id, w) =>
        {
            var workflow = grains.GetGrain<IWorkflowGrain>(id);
            var count = runs / workflows + (w < runs % workflows ? 1 : 0);
            var numbers = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => workflow.StartRunAsync(new RunRequest())));
            var infos = await WaitForRunsAsync(grains, workflow, id, numbers, cancellationToken);
            Check(id, numbers, infos, steps);
            return infos;
        }));
        var all = perWorkflow.SelectMany(i => i).ToArray();
        var end = all.Max(i => i.FinishedAt!.Value);
        return new Result(runs, steps, end - start, all) { LastCreated = all.Max(i => i.CreatedAt) - start };
    }

    private static async Task<RunInfo[]> WaitForRunsAsync(IGrainFactory grains, IWorkflowGrain workflow, string workflowId, long[] numbers, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var info = await workflow.GetAsync() ?? throw new InvalidOperationException($"workflow {workflowId} lost its definition");
            if (info.ActiveRuns.Count == 0)
            {
                var runs = await Task.WhenAll(numbers.Select(n => grains.GetGrain<IRunGrain>(RunKeys.Run(workflowId, n)).GetAsync()));
                if (runs.All(r => r is not null && r.Status.IsFinal()))
                {
                    return runs.Select(r => r!).ToArray();
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the runs of {workflowId} did not finish within 5 minutes");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>A broken orchestrator must not print a fast figure: every run succeeded, every step ran once, in DAG order.</summary>
    private static void Check(string workflowId, long[] numbers, RunInfo[] infos, int steps)
    {
        if (numbers.Distinct().Count() != numbers.Length)
        {
            throw new InvalidOperationException($"{workflowId}: run numbers were handed out twice");
        }

        foreach (var run in infos)
        {
            var key = $"{workflowId}/{run.RunNumber}";
            if (run.Status != RunStatus.Succeeded)
            {
                throw new InvalidOperationException($"run {key} ended {run.Status}: {run.Error}");
            }

            if (run.Steps.Count != steps || run.Steps.Any(s => s.Status != RunStatus.Succeeded || s.FinishedAt is null))
            {
                throw new InvalidOperationException($"run {key} has {run.Steps.Count(s => s.Status == RunStatus.Succeeded)} succeeded steps of {run.Steps.Count}, expected {steps}");
            }

            var root = run.Steps.Single(s => s.StepId == "root");
            var sink = run.Steps.Single(s => s.StepId == "sink");
            var fan = run.Steps.Where(s => s.StepId is not ("root" or "sink")).ToList();
            // A step's start is stamped with the time its run's pass began, and a dependency's finish found by polling in
            // that same pass is stamped later, so "started after the dependency finished" cannot be checked exactly;
            // starts and finishes must each keep the DAG's order.
            if (fan.Any(s => s.StartedAt < root.StartedAt || s.FinishedAt < root.FinishedAt)
                || sink.StartedAt < fan.Max(s => s.StartedAt) || sink.FinishedAt < fan.Max(s => s.FinishedAt))
            {
                throw new InvalidOperationException($"run {key} started a step before its dependencies finished");
            }
        }
    }
}
