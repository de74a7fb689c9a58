using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// Runs a shard in this process: localizes the views' files (<see cref="InputFileLocalizer"/>), runs the query in an
/// in-memory DuckDB (<see cref="DuckDbSession"/>), maps the result onto the target schema
/// (<see cref="SqlResultMapping"/>) and writes it with our Parquet writer (<see cref="ShardDataFileWriter"/>, which
/// gives the files Iceberg field ids and metrics). Each run gets its own scratch folder, removed afterwards.
/// </summary>
public sealed class SqlShardExecutor : ISqlShardExecutor
{
    private readonly IFileIO _io;
    private readonly SqlStepOptions _options;
    private readonly ILogger<SqlShardExecutor> _logger;

    public SqlShardExecutor(SqlCatalog catalog, IOptions<SqlStepOptions> options, ILogger<SqlShardExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _io = catalog.IO;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<SqlShardOutput> ExecuteShardAsync(SqlShard shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var started = Stopwatch.GetTimestamp();
        var scratch = ScratchFolder.Create(_options, $"{shard.Target.FileNamePrefix}-s{shard.Index}");
        try
        {
            var targetSchema = SchemaParser.FromJson(shard.Target.SchemaJson);
            var spec = PartitionSpecParser.FromJson(JsonNode.Parse(shard.Target.PartitionSpecJson));
            var localizer = new InputFileLocalizer(_io, scratch, _options.DownloadParallelism);
            var views = new List<(SqlShardView View, Schema Schema, IReadOnlyList<string> Files)>(shard.Views.Count);
            foreach (var view in shard.Views)
            {
                var schema = SchemaParser.FromJson(view.SchemaJson);
                views.Add((view, schema, await localizer.LocalizeAsync(view, schema, cancellationToken)));
            }

            // DuckDB blocks its calling thread for the whole query: keep that off the caller's (grain) scheduler.
            var output = await Task.Run(() => RunQueryAsync(shard, views, targetSchema, spec, scratch, cancellationToken), cancellationToken);
            _logger.LogInformation(
                "SQL step {Step} shard {Shard}/{Shards}: {Rows} rows into {Files} files from {InputFiles} input files in {Elapsed}",
                shard.StepId, shard.Index + 1, shard.Count, output.RecordCount, output.Files.Count, output.InputFileCount, Stopwatch.GetElapsedTime(started));
            return output;
        }
        finally
        {
            SqlFiles.DeleteFolderQuietly(scratch);
        }
    }

    private async Task<SqlShardOutput> RunQueryAsync(
        SqlShard shard,
        IReadOnlyList<(SqlShardView View, Schema Schema, IReadOnlyList<string> Files)> views,
        Schema targetSchema,
        PartitionSpec spec,
        string scratch,
        CancellationToken cancellationToken)
    {
        using var session = DuckDbSession.Open(_options, scratch, shard.StepId);
        foreach (var (view, schema, files) in views)
        {
            session.CreateView(view.Name, view.Table, schema, files);
        }

        var columns = session.DefineResult(shard.Query);
        var mapping = SqlResultMapping.Create(columns, targetSchema, shard.Target.Table, shard.StepId);
        await using var writer = new ShardDataFileWriter(_io, targetSchema, spec, shard.Target, shard.Index, scratch);
        try
        {
            await session.ReadResultAsync(reader => writer.WriteAsync(mapping.ReadRow(reader), cancellationToken), cancellationToken);
            var files = await writer.CompleteAsync(cancellationToken);
            return new SqlShardOutput
            {
                Index = shard.Index,
                Files = files.Select(f => SqlShardDataFile.FromDataFile(f, spec, targetSchema)).ToArray(),
                RecordCount = writer.RowCount,
                InputFileCount = views.Sum(v => v.Files.Count),
            };
        }
        catch
        {
            await writer.DeleteWrittenAsync();
            throw;
        }
    }
}
