using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Scan;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// Plans a SQL step from metadata only (storage is never listed, no data file is read): resolves the inputs, plans
/// their files from the manifests (an incremental input gets exactly the files its snapshot range appended, a full
/// input the live files at the range's end), describes the query's result over typed empty views, and cuts the work
/// into <see cref="SqlShard"/>s.
/// </summary>
public sealed class SqlStepPlanner
{
    private readonly SqlCatalog _catalog;
    private readonly SqlStepOptions _options;
    private readonly ILogger<SqlStepPlanner> _logger;

    public SqlStepPlanner(SqlCatalog catalog, IOptions<SqlStepOptions> options, ILogger<SqlStepPlanner> logger)
    {
        _catalog = catalog;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// The step's inputs with their planned files. No inputs means every source of the run, incremental, each viewed
    /// under its table name. Throws <see cref="StepFailedException"/> for unknown tables, missing ranges and clashing view names.
    /// </summary>
    public async Task<IReadOnlyList<SqlInputPlan>> PlanInputsAsync(StepWork work, SqlStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(step);
        var inputs = step.Inputs.Count > 0
            ? step.Inputs
            : work.Sources.Select(s => new SqlInput { Table = s.Table, Mode = SqlInputMode.Incremental }).ToArray();

        var plans = new List<SqlInputPlan>(inputs.Count);
        var viewNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var input in inputs)
        {
            var id = ParseTable(input.Table, step.Id, "input");
            var viewName = string.IsNullOrWhiteSpace(input.As) ? id.Name : input.As;
            if (!viewNames.Add(viewName))
            {
                throw new StepFailedException(
                    $"SQL step '{step.Id}': two inputs are both named '{viewName}' (view names ignore case); list the inputs with distinct 'as' names.");
            }

            var range = work.Sources.FirstOrDefault(s => TryParse(s.Table) is { } sourceId && sourceId == id);
            var table = await LoadAsync(id, step.Id, cancellationToken);
            var tasks = input.Mode == SqlInputMode.Incremental
                ? await PlanIncrementalAsync(table, range, step.Id, cancellationToken)
                : await PlanFullAsync(table, range, step.Id, cancellationToken);
            _logger.LogDebug("SQL step {Step}: input {View} ({Table}, {Mode}) has {Files} files", step.Id, viewName, id, input.Mode, tasks.Count);
            plans.Add(new SqlInputPlan(viewName, id, input.Mode, table.Schema, tasks, range));
        }

        return plans;
    }

    /// <summary>
    /// The query's result columns, found by binding it over empty views typed from the inputs' schemas: bad SQL and
    /// unknown columns fail here, before a file is fetched or the target is touched.
    /// </summary>
    public async Task<IReadOnlyList<SqlResultColumn>> DescribeResultAsync(SqlStep step, IReadOnlyList<SqlInputPlan> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(inputs);
        return await Task.Run(() =>
        {
            var scratch = ScratchFolder.Create(_options, $"describe-{step.Id}");
            try
            {
                using var session = DuckDbSession.Open(_options, scratch, step.Id);
                foreach (var input in inputs)
                {
                    session.CreateView(input.ViewName, input.Table.ToString(), input.Schema, []);
                }

                return session.DefineResult(step.Query);
            }
            finally
            {
                SqlFiles.DeleteFolderQuietly(scratch);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Cuts the work into shards. When an incremental input has more than <paramref name="maxFilesPerShard"/> files,
    /// the one with the most files is split into slices of at most that many, one shard per slice, with every other
    /// input whole in each shard; the step's result is then the union of the shards' results, which is right for
    /// queries that distribute over a union of that input (filters, projections, per-row joins against the other
    /// inputs, partial aggregates). Otherwise one shard runs everything.
    /// </summary>
    public IReadOnlyList<SqlShard> BuildShards(StepWork work, SqlStep step, IReadOnlyList<SqlInputPlan> inputs, Table target, int? maxFilesPerShard)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(target);
        var shardTarget = new SqlShardTarget
        {
            Table = target.Identifier.ToString(),
            SchemaJson = SchemaParser.ToJson(target.Schema),
            PartitionSpecJson = SpecJson(target.Spec),
            DataLocation = TableLocations.Join(target.Location, "data"),
            FileNamePrefix = FileNamePrefix(work),
            TargetRowsPerFile = Math.Max(1, _options.TargetRowsPerFile),
        };
        var views = inputs.Select(i => new SqlShardView
        {
            Name = i.ViewName,
            Table = i.Table.ToString(),
            SchemaJson = SchemaParser.ToJson(i.Schema),
            Files = i.Tasks.Select(ToInputFile).ToArray(),
        }).ToArray();

        var max = maxFilesPerShard ?? 0;
        var sharded = max <= 0
            ? -1
            : Enumerable.Range(0, inputs.Count)
                .Where(i => inputs[i].Mode == SqlInputMode.Incremental && inputs[i].Tasks.Count > max)
                .OrderByDescending(i => inputs[i].Tasks.Count)
                .DefaultIfEmpty(-1)
                .First();

        if (sharded < 0)
        {
            return [new SqlShard { StepId = step.Id, Index = 0, Count = 1, Query = step.Query, Views = views, Target = shardTarget }];
        }

        var slices = views[sharded].Files.Chunk(max).ToArray();
        _logger.LogInformation("SQL step {Step}: input {View} has {Files} files; running {Shards} shards of at most {Max}",
            step.Id, views[sharded].Name, views[sharded].Files.Count, slices.Length, max);
        return slices.Select((slice, index) =>
        {
            var shardViews = views.ToArray();
            shardViews[sharded] = views[sharded] with { Files = slice };
            return new SqlShard { StepId = step.Id, Index = index, Count = slices.Length, Query = step.Query, Views = shardViews, Target = shardTarget };
        }).ToArray();
    }

    /// <summary><c>maestro-{workflow}-r{run}-{step}-a{attempt}</c>, with characters unsafe in object keys replaced.</summary>
    public static string FileNamePrefix(StepWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return $"maestro-{Safe(work.WorkflowId)}-r{work.RunNumber.ToString(CultureInfo.InvariantCulture)}-{Safe(work.Step.Id)}-a{work.Attempt.ToString(CultureInfo.InvariantCulture)}";
    }

    internal static TableIdentifier ParseTable(string text, string stepId, string role)
    {
        try
        {
            return TableIdentifier.Parse(text);
        }
        catch (FormatException e)
        {
            throw new StepFailedException($"SQL step '{stepId}': {role} table: {e.Message}", e);
        }
    }

    private static TableIdentifier? TryParse(string text)
    {
        try
        {
            return TableIdentifier.Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task<Table> LoadAsync(TableIdentifier id, string stepId, CancellationToken cancellationToken)
    {
        try
        {
            return await _catalog.LoadTableAsync(id, cancellationToken);
        }
        catch (NoSuchTableException e)
        {
            throw new StepFailedException($"SQL step '{stepId}': input table {id} does not exist.", e);
        }
    }

    private static async Task<IReadOnlyList<FileScanTask>> PlanIncrementalAsync(Table table, SnapshotRange? range, string stepId, CancellationToken cancellationToken)
    {
        if (range is null)
        {
            throw new StepFailedException(
                $"SQL step '{stepId}': input {table.Identifier} is incremental but is not a source of this run (no snapshot range); make it a source of the workflow or read it with mode 'full'.");
        }

        if (range.IsEmpty)
        {
            return [];
        }

        try
        {
            return await table.NewIncrementalAppendScan()
                .FromSnapshotExclusive(range.FromExclusive)
                .ToSnapshot(range.ToInclusive!.Value)
                .PlanFilesAsync(cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new StepFailedException($"SQL step '{stepId}': cannot plan the range ({range.FromExclusive?.ToString(CultureInfo.InvariantCulture) ?? "start"}, {range.ToInclusive}] of {table.Identifier}: {e.Message}", e);
        }
    }

    private static async Task<IReadOnlyList<FileScanTask>> PlanFullAsync(Table table, SnapshotRange? range, string stepId, CancellationToken cancellationToken)
    {
        var snapshotId = range?.ToInclusive ?? table.CurrentSnapshot?.SnapshotId;
        if (snapshotId is null)
        {
            return [];
        }

        try
        {
            return await table.NewScan().UseSnapshot(snapshotId.Value).PlanFilesAsync(cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new StepFailedException($"SQL step '{stepId}': cannot read {table.Identifier} at snapshot {snapshotId}: {e.Message}", e);
        }
    }

    private static SqlShardInputFile ToInputFile(FileScanTask task) => new()
    {
        Path = task.File.FilePath,
        RecordCount = task.File.RecordCount,
        FileSizeInBytes = task.File.FileSizeInBytes,
        Deletes = task.Deletes.Select(d => new SqlShardDeleteFile
        {
            Path = d.FilePath,
            IsEquality = d.Content == DataFileContent.EqualityDeletes,
            EqualityFieldIds = d.EqualityIds?.ToArray() ?? [],
        }).ToArray(),
    };

    private static string SpecJson(PartitionSpec spec)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            PartitionSpecParser.Write(writer, spec);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Safe(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return builder.ToString();
    }
}
