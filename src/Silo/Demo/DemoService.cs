using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Tables;
using OrleansMaestro.Silo.Diagnostics;
using OrleansMaestro.Silo.Hosting;
using OrleansMaestro.Silo.Startup;

namespace OrleansMaestro.Silo.Demo;

/// <summary>
/// The live demo (<c>--demo</c>): creates raw.events, stores the two sample workflows, appends a batch of random events
/// every few seconds and shows how each commit travelled through the pipeline, checking every aggregate against a
/// recompute. With a duration it stops the process at the end; the verdict becomes the exit code.
/// </summary>
internal sealed partial class DemoService(
    SqlCatalog catalog,
    IGrainFactory grains,
    SampleWorkflows samples,
    IWorkflowReactivation reactivator,
    DemoRunSettings settings,
    IOptions<DemoOptions> options,
    DemoOutcome outcome,
    DemoConsole console,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DemoService> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await lifetime.WaitForStartedAsync(stoppingToken);
            await reactivator.Completion.WaitAsync(stoppingToken);
            var passed = await RunAsync(stoppingToken);
            outcome.Set(passed);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopped before the demo got going; the outcome stays "not passed"
        }
        catch (Exception e)
        {
            LogDemoFailed(e);
            console.Line($"[red]demo failed:[/] {DemoConsole.Escape(e.Message)}");
        }
        finally
        {
            if (settings.Duration is not null)
            {
                lifetime.StopApplication();
            }
        }
    }

    private async Task<bool> RunAsync(CancellationToken stoppingToken)
    {
        var started = time.GetUtcNow();
        var (events, created) = await DemoTables.EnsureEventsAsync(catalog, stoppingToken);
        console.Line(created ? $"table {DemoTables.Events} created" : $"table {DemoTables.Events} exists ({TotalRecords(events)} rows)");
        var (version, stored) = await samples.EnsureAsync(SampleWorkflows.Aggregate, stoppingToken);
        console.Line(Stored(SampleWorkflows.Aggregate, version, stored));
        var topStored = await TryStoreTopAsync(stoppingToken);

        var tracker = new PropagationTracker(
            catalog,
            new AggregateCheck(catalog),
            console,
            new RunWatcher(grains, SampleWorkflows.Aggregate, (await samples.GetAsync(SampleWorkflows.Aggregate, stoppingToken))?.LastRunNumber ?? 0),
            new RunWatcher(grains, SampleWorkflows.Top, (await samples.GetAsync(SampleWorkflows.Top, stoppingToken))?.LastRunNumber ?? 0));
        var generator = new EventGenerator(options.Value, time, TotalRecords(events));

        // The generator stops a little before the end so the last commits can make their way through the pipeline.
        var end = settings.Duration is { } duration ? started + duration : DateTimeOffset.MaxValue;
        var stopGenerating = settings.Duration is { } d ? end - Drain(d) : DateTimeOffset.MaxValue;
        var nextBatch = time.GetUtcNow();
        try
        {
            while (time.GetUtcNow() < end)
            {
                var generating = time.GetUtcNow() < stopGenerating;
                if (generating && time.GetUtcNow() >= nextBatch)
                {
                    events = await AppendAsync(events, generator, tracker, stoppingToken);
                    nextBatch += options.Value.BatchInterval;
                }

                if (!topStored)
                {
                    topStored = await TryStoreTopAsync(stoppingToken);
                }

                await tracker.PollAsync(topStored, stoppingToken);
                if (!generating && tracker.Pending.Count == 0)
                {
                    break; // everything generated has gone all the way through
                }

                await Task.Delay(PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Ctrl+C: report what was seen so far
        }

        foreach (var commit in tracker.Pending)
        {
            console.Line($"[grey]{DemoTables.Events}@{commit.SnapshotId} still under way when the demo ended[/]");
        }

        foreach (var id in new[] { SampleWorkflows.Aggregate, SampleWorkflows.Top })
        {
            console.Line(DemoConsole.Escape(WorkflowStateText.Format(id, await samples.GetAsync(id, CancellationToken.None))));
        }

        var passed = tracker.Tally.Passed;
        console.Line($"[bold]summary:[/] {tracker.Tally.Describe(tracker.Pending.Count)} -> {(passed ? "[green]PASS[/]" : "[red]FAIL[/]")}");
        return passed;
    }

    private async Task<Table> AppendAsync(Table events, EventGenerator generator, PropagationTracker tracker, CancellationToken cancellationToken)
    {
        var rows = generator.NextBatch();
        // Appended through the silo's catalog, whose commit path pushes the new snapshot to the table grain.
        var committed = await events.AppendRowsAsync(rows, cancellationToken: cancellationToken);
        var snapshot = committed.CurrentSnapshot!;
        tracker.Add(new RawCommit(snapshot.SnapshotId, snapshot.Timestamp, rows.Length));
        return committed;
    }

    /// <summary>top-countries reads agg.event_counts, which the validator wants to exist: the first aggregate run creates it.</summary>
    private async Task<bool> TryStoreTopAsync(CancellationToken cancellationToken)
    {
        if (!await catalog.TableExistsAsync(TableIdentifier.Parse(DemoTables.Counts), cancellationToken))
        {
            return false;
        }

        var (version, stored) = await samples.EnsureAsync(SampleWorkflows.Top, cancellationToken);
        console.Line(Stored(SampleWorkflows.Top, version, stored));
        return true;
    }

    private static string Stored(string id, int version, bool stored) =>
        stored ? $"workflow {id} stored (version {version})" : $"workflow {id} already stored (version {version})";

    private static long TotalRecords(Table table) =>
        table.CurrentSnapshot?.Summary.TryGetValue("total-records", out var text) == true
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var total) ? total : 0;

    private static TimeSpan Drain(TimeSpan duration) => TimeSpan.FromTicks(Math.Clamp(duration.Ticks / 4, TimeSpan.FromSeconds(5).Ticks, TimeSpan.FromSeconds(15).Ticks));

    [LoggerMessage(Level = LogLevel.Error, Message = "The demo failed")]
    private partial void LogDemoFailed(Exception exception);
}
