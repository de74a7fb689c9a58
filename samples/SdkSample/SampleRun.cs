using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Client;

namespace OrleansMaestro.Samples.SdkSample;

/// <summary>
/// Registers a workflow (a table-triggered SQL step from the source table into the target table), commits rows to the
/// source table and watches the run the commit starts until it finishes. Returns the process exit code.
/// </summary>
internal sealed partial class SampleRun(IMaestroClient maestro, IOptions<SampleOptions> options, ILogger<SampleRun> logger)
{
    public const int Succeeded = 0;
    public const int RunFailed = 1;
    public const int Error = 2;

    private readonly SampleOptions _options = options.Value;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var token = timeout.Token;
        try
        {
            await using var source = await SourceTable.OpenAsync(_options, token);
            await source.EnsureAsync(_options.SourceTable, token);

            var definition = new WorkflowBuilder(_options.WorkflowId)
                .Description("SDK sample: order totals per customer, from every commit to the source table.")
                .OnTableCommit(_options.SourceTable)
                .Sql("totals",
                    "SELECT customer, count(*) AS orders, sum(amount) AS amount FROM orders GROUP BY customer",
                    _options.TargetTable,
                    inputs: [new SqlInput { Table = _options.SourceTable, As = "orders" }])
                .Build();
            await maestro.ValidateWorkflowAsync(definition, token);
            var version = await maestro.ApplyWorkflowAsync(definition, token);
            LogApplied(_options.WorkflowId, version);

            var before = (await maestro.GetWorkflowAsync(_options.WorkflowId, token)).LastRunNumber;
            var snapshot = await source.AppendAsync(_options.SourceTable, _options.Rows, token);
            LogCommitted(_options.Rows, _options.SourceTable, snapshot);
            // The commit went around the silo: tell it now instead of waiting for its next poll of the table.
            await maestro.RefreshTableAsync(_options.SourceTable, token);

            var run = await WaitForRunAsync(before, token);
            Console.WriteLine($"watching run {run}");
            RunInfo? last = null;
            await foreach (var change in maestro.WatchRunAsync(run, token))
            {
                Console.WriteLine(change.StepId is null
                    ? $"event {change.Sequence} {change.Type}: run {change.Status}"
                    : $"event {change.Sequence} {change.Type}: step {change.StepId} {change.Status} (attempt {change.Attempts}){(change.Error is null ? "" : " " + change.Error)}");
                last = change.Run;
            }

            if (last?.Status != RunStatus.Succeeded)
            {
                Console.WriteLine($"run {run} ended {last?.Status}: {last?.Error}");
                return RunFailed;
            }

            var target = await maestro.GetTableAsync(_options.TargetTable, token);
            Console.WriteLine($"run {run} succeeded; {target.Table} is at snapshot {target.CurrentSnapshotId}");
            return Succeeded;
        }
        catch (MaestroValidationException e)
        {
            Console.Error.WriteLine($"invalid: {e.Message}");
            foreach (var (field, messages) in e.Errors)
            {
                Console.Error.WriteLine($"  {field}: {string.Join(" ", messages)}");
            }

            return Error;
        }
        catch (MaestroException e)
        {
            Console.Error.WriteLine($"failed ({e.Status}): {e.Message}");
            return Error;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"timed out after {_options.Timeout}");
            return Error;
        }
    }

    /// <summary>The run the commit started: the workflow's first run numbered after <paramref name="before"/>.</summary>
    private async Task<RunReference> WaitForRunAsync(long before, CancellationToken cancellationToken)
    {
        while (true)
        {
            var workflow = await maestro.GetWorkflowAsync(_options.WorkflowId, cancellationToken);
            if (workflow.LastRunNumber > before)
            {
                return new RunReference { WorkflowId = _options.WorkflowId, RunNumber = before + 1 };
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied workflow {WorkflowId} as version {Version}")]
    private partial void LogApplied(string workflowId, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Committed {Rows} rows to {Table} (snapshot {SnapshotId})")]
    private partial void LogCommitted(int rows, string table, long snapshotId);
}
