using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Steps.Sql;
using OrleansMaestro.Grains.Telemetry;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// Runs <see cref="SqlStep"/>: a DuckDB query over the run's input files, its result appended to the target table
/// as ONE snapshot carrying the <see cref="SqlCommitMarkers"/>.
/// <list type="number">
/// <item>If the target already has a snapshot with this work's markers (an earlier attempt committed), nothing is
/// redone: its snapshot id is returned with <c>skipped-duplicate=true</c>.</item>
/// <item>Inputs are planned from the manifests (<see cref="SqlStepPlanner"/>); the query is bound over typed empty
/// views to learn its result columns; a missing target is created from them.</item>
/// <item>Shards run through <see cref="ISqlShardExecutor"/> (in process by default, or across silos).</item>
/// <item>The markers are checked again right before the commit; then all shards' files are appended together.</item>
/// </list>
/// Outputs: <c>snapshot-id</c> (empty when an empty result was not committed), <c>rows</c>, <c>files</c>,
/// <c>shards</c>, <c>input-files</c>, <c>skipped-duplicate</c>, <c>shard-silos</c> (where the shards ran, when placed on silos).
/// <para>
/// The second marker check narrows, but does not close, the window in which two attempts of the same work running at
/// the same moment could both commit: closing it needs the check inside the catalog's commit retry loop, which the
/// Iceberg library does not expose yet. The grain layer runs one attempt of a step at a time, so this only matters
/// around silo failures.
/// </para>
/// </summary>
public sealed class SqlStepRunner : IStepRunner
{
    private readonly IServiceProvider _services;
    private readonly SqlStepOptions _options;
    private readonly ILogger<SqlStepRunner> _logger;
    private SqlCatalog? _catalog;
    private SqlStepPlanner? _planner;
    private ISqlShardExecutor? _executor;
    private MaestroTelemetry? _telemetry;

    /// <summary>
    /// The catalog, planner and shard executor are resolved on the first SQL step, not here: the grain resolves every
    /// runner together, and a silo without an Iceberg catalog must still run its other step types.
    /// </summary>
    public SqlStepRunner(IServiceProvider services, IOptions<SqlStepOptions> options, ILogger<SqlStepRunner> logger)
    {
        _services = services;
        _options = options.Value;
        _logger = logger;
    }

    public string StepType => "sql";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepWork work, CancellationToken cancellationToken)
    {
        // A pass returns null when an earlier run committed part of this range while it worked: plan again from there.
        for (var pass = 1; ; pass++)
        {
            if (await RunOnceAsync(work, cancellationToken) is { } outputs)
            {
                return outputs;
            }

            if (pass == MaxPasses)
            {
                throw new StepFailedException($"SQL step '{work.Step.Id}': earlier runs kept committing parts of its range while it ran ({MaxPasses} passes).");
            }
        }
    }

    private const int MaxPasses = 5;

    private async Task<IReadOnlyDictionary<string, string>?> RunOnceAsync(StepWork work, CancellationToken cancellationToken)
    {
        var step = work.StepAs<SqlStep>();
        if (string.IsNullOrWhiteSpace(step.Query))
        {
            throw new StepFailedException($"SQL step '{step.Id}' has no query.");
        }

        ResolveServices(step);

        var started = Stopwatch.GetTimestamp();
        var targetId = SqlStepPlanner.ParseTable(step.Target, step.Id, "target");
        var target = await TryLoadAsync(targetId, cancellationToken);
        if (target is not null && SqlCommitMarkers.FindCommitted(target, work) is { } earlier)
        {
            _logger.LogInformation("Step {Work}: {Target} already has snapshot {Snapshot} from this step; not running it again", work.Describe(), targetId, earlier.SnapshotId);
            return DuplicateOutputs(earlier);
        }

        if (!work.IsBackfill && target is not null)
        {
            var (remaining, before) = await SkipCommittedPrefixAsync(target, work, cancellationToken);
            if (before.Count > 0)
            {
                _logger.LogInformation(
                    "Step {Work}: earlier runs already committed part of its range to {Target} (snapshots {Snapshots}); reading only {Remaining}",
                    work.Describe(), targetId, string.Join(", ", before.Select(b => b.SnapshotId)), SnapshotRangesJson.Serialize(remaining));
                if (remaining.All(r => r.IsEmpty))
                {
                    return DuplicateOutputs(before[^1]);
                }

                work = work with { Sources = remaining };
            }
        }

        var inputs = await Planner.PlanInputsAsync(work, step, cancellationToken);
        _telemetry?.SqlInputsPlanned(work, inputs);
        var columns = await Planner.DescribeResultAsync(step, inputs, cancellationToken);
        target ??= await CreateTargetAsync(targetId, SqlResultMapping.SchemaForNewTable(columns, step.Id), cancellationToken);
        // Fail before any file is fetched when the result cannot go into the table; shards check again on their own.
        SqlResultMapping.Create(columns, target.Schema, targetId.ToString(), step.Id);

        var shards = Planner.BuildShards(work, step, inputs, target, step.MaxFilesPerShard ?? _options.MaxFilesPerShardDefault);
        var outputs = await RunShardsAsync(work, shards, cancellationToken);
        var files = outputs.SelectMany(o => o.Files).ToArray();
        var rows = outputs.Sum(o => o.RecordCount);
        var inputFiles = outputs.Sum(o => o.InputFileCount);
        _telemetry?.StepIo(work, inputFiles, inputs.Sum(i => i.Tasks.Sum(t => t.File.FileSizeInBytes)), files.Length, files.Sum(f => f.FileSizeInBytes));
        var placement = string.Join(",", outputs.Select(o => o.RanOn).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

        var current = await target.RefreshAsync(cancellationToken);
        if (SqlCommitMarkers.FindCommitted(current, work) is { } raced)
        {
            _logger.LogWarning("Step {Work}: another attempt committed snapshot {Snapshot} to {Target} meanwhile; dropping this attempt's files", work.Describe(), raced.SnapshotId, targetId);
            await DeleteAsync(files);
            return DuplicateOutputs(raced);
        }

        if (!work.IsBackfill && (await SkipCommittedPrefixAsync(current, work, cancellationToken)).Before.Count > 0)
        {
            // A superseded or failed run's attempt was still committing when this one planned: its rows are in the
            // target now, so this attempt's output would count them twice.
            _logger.LogWarning("Step {Work}: an earlier run committed part of this range to {Target} meanwhile; planning again", work.Describe(), targetId);
            await DeleteAsync(files);
            return null;
        }

        if (rows == 0 && !_options.CommitEmptyResults)
        {
            await DeleteAsync(files);
            _logger.LogInformation("Step {Work}: the query returned no rows; nothing committed to {Target}", work.Describe(), targetId);
            return Outputs(snapshotId: null, rows, fileCount: 0, shards.Count, inputFiles, duplicate: false, placement);
        }

        var snapshotId = await CommitAsync(work, current, files, shards.Count, cancellationToken);
        _logger.LogInformation(
            "Step {Work}: committed snapshot {Snapshot} to {Target}: {Rows} rows in {Files} files from {Shards} shards over {InputFiles} input files in {Elapsed}",
            work.Describe(), snapshotId, targetId, rows, files.Length, shards.Count, inputFiles, Stopwatch.GetElapsedTime(started));
        return Outputs(snapshotId, rows, files.Length, shards.Count, inputFiles, duplicate: false, placement);
    }

    private SqlCatalog Catalog => _catalog ?? throw new InvalidOperationException("Services are resolved at the start of RunAsync.");

    private SqlStepPlanner Planner => _planner ?? throw new InvalidOperationException("Services are resolved at the start of RunAsync.");

    private ISqlShardExecutor Executor => _executor ?? throw new InvalidOperationException("Services are resolved at the start of RunAsync.");

    private void ResolveServices(SqlStep step)
    {
        _catalog ??= _services.GetService(typeof(SqlCatalog)) as SqlCatalog
            ?? throw new StepFailedException($"SQL step '{step.Id}' cannot run on this silo: no Iceberg catalog (SqlCatalog) is registered.");
        _planner ??= (SqlStepPlanner)_services.GetService(typeof(SqlStepPlanner))!;
        _executor ??= (ISqlShardExecutor)_services.GetService(typeof(ISqlShardExecutor))!;
        _telemetry ??= _services.GetService(typeof(MaestroTelemetry)) as MaestroTelemetry;
    }

    private async Task<(IReadOnlyList<SnapshotRange> Remaining, IReadOnlyList<Snapshot> Before)> SkipCommittedPrefixAsync(Table target, StepWork work, CancellationToken cancellationToken)
    {
        var lineages = new Dictionary<string, TableMetadata>(StringComparer.Ordinal);
        foreach (var source in work.Sources)
        {
            if (await TryLoadAsync(TableIdentifier.Parse(source.Table), cancellationToken) is { } table)
            {
                lineages[source.Table] = table.Metadata;
            }
        }

        return SqlCommitMarkers.SkipCommittedPrefix(target, work, (table, candidate, of) =>
            lineages.TryGetValue(table, out var metadata) && metadata.Ancestors(of).Any(s => s.SnapshotId == candidate));
    }

    private async Task<Table?> TryLoadAsync(TableIdentifier id, CancellationToken cancellationToken)
    {
        try
        {
            return await Catalog.LoadTableAsync(id, cancellationToken);
        }
        catch (NoSuchTableException)
        {
            return null;
        }
    }

    private async Task<Table> CreateTargetAsync(TableIdentifier id, Schema schema, CancellationToken cancellationToken)
    {
        await Catalog.EnsureNamespaceAsync(id.Namespace, cancellationToken);
        try
        {
            var table = await Catalog.CreateTableAsync(id, schema, cancellationToken: cancellationToken);
            _logger.LogInformation("Created target table {Table} from the query's columns: {Columns}", id, string.Join(", ", schema.Fields.Select(f => $"{f.Name} {f.Type}")));
            return table;
        }
        catch (AlreadyExistsException)
        {
            // Another step created it first; its schema is checked against the result like any existing table's.
            return await Catalog.LoadTableAsync(id, cancellationToken);
        }
    }

    /// <summary>Runs the shards, at most <see cref="SqlStepOptions.MaxParallelShards"/> at once; one failure cancels the rest and removes what they wrote.</summary>
    private async Task<IReadOnlyList<SqlShardOutput>> RunShardsAsync(StepWork work, IReadOnlyList<SqlShard> shards, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(Math.Max(1, _options.MaxParallelShards));
        var tasks = shards.Select(async shard =>
        {
            await gate.WaitAsync(failed.Token);
            try
            {
                return await Executor.ExecuteShardAsync(shard, failed.Token);
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();

        try
        {
            return await Task.WhenAll(tasks);
        }
        catch
        {
            var written = tasks.Where(t => t.IsCompletedSuccessfully).SelectMany(t => t.Result.Files).ToArray();
            await DeleteAsync(written);
            // Report the shard's own failure, not the cancellations it caused in its siblings.
            var cause = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is not null && !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(cause, "Step {Work}: a shard failed", work.Describe());
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    private async Task<long> CommitAsync(StepWork work, Table current, IReadOnlyList<SqlShardDataFile> files, int shardCount, CancellationToken cancellationToken)
    {
        var step = (SqlStep)work.Step;
        var dataFiles = files.Select(f => f.ToDataFile(current.Metadata.SpecById(f.SpecId), current.Schema)).ToArray();
        var append = current.NewAppend().AppendFileRange(dataFiles);
        foreach (var (key, value) in SqlCommitMarkers.For(work, shardCount))
        {
            append.SetSummary(key, value);
        }

        try
        {
            await append.CommitAsync(cancellationToken);
            return append.SnapshotId;
        }
        catch (CommitStateUnknownException e)
        {
            // The files may be live now: keep them. The next attempt finds the markers if the commit did land.
            throw new StepFailedException($"SQL step '{step.Id}': the commit to {current.Identifier} may or may not have happened ({e.Message}); a retry will not commit twice.", e);
        }
        catch (CommitFailedException e)
        {
            await DeleteAsync(files);
            throw new StepFailedException($"SQL step '{step.Id}': could not commit to {current.Identifier}: {e.Message}", e);
        }

        // Any other exception (cancellation included) leaves the files alone: the commit may have landed, and deleting
        // files a snapshot references would corrupt the table; an unreferenced file costs only storage.
    }

    private async Task DeleteAsync(IEnumerable<SqlShardDataFile> files)
    {
        foreach (var file in files)
        {
            await SqlFiles.DeleteQuietlyAsync(Catalog.IO, file.Path);
        }
    }

    private static IReadOnlyDictionary<string, string> DuplicateOutputs(Snapshot snapshot)
    {
        static string Get(Snapshot s, string key) => s.Summary.TryGetValue(key, out var v) ? v : "0";
        return new Dictionary<string, string>
        {
            ["snapshot-id"] = snapshot.SnapshotId.ToString(CultureInfo.InvariantCulture),
            ["rows"] = Get(snapshot, "added-records"),
            ["files"] = Get(snapshot, "added-data-files"),
            ["shards"] = Get(snapshot, SqlCommitMarkers.Shards),
            ["skipped-duplicate"] = "true",
        };
    }

    private static IReadOnlyDictionary<string, string> Outputs(long? snapshotId, long rows, int fileCount, int shards, int inputFiles, bool duplicate, string shardSilos) =>
        new Dictionary<string, string>
        {
            ["shard-silos"] = shardSilos,
            ["snapshot-id"] = snapshotId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            ["rows"] = rows.ToString(CultureInfo.InvariantCulture),
            ["files"] = fileCount.ToString(CultureInfo.InvariantCulture),
            ["shards"] = shards.ToString(CultureInfo.InvariantCulture),
            ["input-files"] = inputFiles.ToString(CultureInfo.InvariantCulture),
            ["skipped-duplicate"] = duplicate ? "true" : "false",
        };
}
