using System.Globalization;
using DuckDB.NET.Data;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// An in-memory DuckDB database for one shard (or for describing a query): views over local Parquet files, the
/// user's query as a view of its own, and a streaming read of its rows. DuckDB errors become
/// <see cref="StepFailedException"/>s that keep DuckDB's own message (it names the bad token or column).
/// DuckDB calls block; callers run them off the grain scheduler (<see cref="Task.Run(Action)"/>).
/// </summary>
internal sealed class DuckDbSession : IDisposable
{
    private const string ResultView = "__maestro_result";

    private readonly DuckDBConnection _connection;
    private readonly string _stepId;

    private DuckDbSession(DuckDBConnection connection, string stepId)
    {
        _connection = connection;
        _stepId = stepId;
    }

    public static DuckDbSession Open(SqlStepOptions options, string tempDirectory, string stepId)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        var session = new DuckDbSession(connection, stepId);
        try
        {
            connection.Open();
            session.Execute($"SET temp_directory = {SqlText.Literal(tempDirectory)}");
            // Silos may have no internet: never try to download an extension in the middle of a step.
            session.Execute("SET autoinstall_known_extensions = false");
            if (!string.IsNullOrWhiteSpace(options.DuckDbMemoryLimit))
            {
                session.Execute($"SET memory_limit = {SqlText.Literal(options.DuckDbMemoryLimit)}");
            }

            if (options.DuckDbThreads is > 0 and var threads)
            {
                session.Execute($"SET threads = {threads.ToString(CultureInfo.InvariantCulture)}");
            }

            return session;
        }
        catch (DuckDBException e)
        {
            session.Dispose();
            throw new StepFailedException($"SQL step '{stepId}': could not set up DuckDB: {e.Message}", e);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A view over the files (by column name, so files written under older schemas line up), or, with no files, an
    /// empty view typed from the Iceberg schema: an empty range must still offer the columns the query names.
    /// </summary>
    public void CreateView(string name, string table, Schema schema, IReadOnlyList<string> localFiles)
    {
        string body;
        if (localFiles.Count == 0)
        {
            var columns = schema.Fields.Select(f => $"CAST(NULL AS {DuckDbTypes.ToDuckDb(f.Type)}) AS {SqlText.Identifier(f.Name)}");
            body = $"SELECT {string.Join(", ", columns)} LIMIT 0";
        }
        else
        {
            body = $"SELECT * FROM read_parquet([{string.Join(", ", localFiles.Select(SqlText.Literal))}], union_by_name = true)";
        }

        try
        {
            Execute($"CREATE VIEW {SqlText.Identifier(name)} AS {body}");
        }
        catch (DuckDBException e)
        {
            throw new StepFailedException($"SQL step '{_stepId}': DuckDB could not create view '{name}' over {table}: {e.Message}", e);
        }
    }

    /// <summary>Binds the query (as a view) and returns its result columns. Bad SQL fails here, before any row is read.</summary>
    public IReadOnlyList<SqlResultColumn> DefineResult(string query)
    {
        try
        {
            Execute($"CREATE TEMP VIEW {ResultView} AS {SqlText.TrimStatement(query)}");
            using var describe = _connection.CreateCommand();
            describe.CommandText = $"DESCRIBE {ResultView}";
            using var reader = describe.ExecuteReader();
            var columns = new List<SqlResultColumn>();
            var nameOrdinal = reader.GetOrdinal("column_name");
            var typeOrdinal = reader.GetOrdinal("column_type");
            while (reader.Read())
            {
                columns.Add(new SqlResultColumn(reader.GetString(nameOrdinal), reader.GetString(typeOrdinal)));
            }

            return columns;
        }
        catch (DuckDBException e)
        {
            throw new StepFailedException($"SQL step '{_stepId}': DuckDB rejected the query: {e.Message}", e);
        }
    }

    /// <summary>Streams the result's rows (after <see cref="DefineResult"/>); cancelling interrupts the running query.</summary>
    public async Task ReadResultAsync(Func<DuckDBDataReader, Task> onRow, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {ResultView}";
        // Streaming keeps a large result from being materialized in memory before the first row is written.
        command.UseStreamingMode = true;
        await using var interrupt = cancellationToken.Register(command.Cancel);
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                await onRow(reader);
            }
        }
        catch (DuckDBException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"SQL step '{_stepId}' was cancelled while DuckDB ran the query.", e, cancellationToken);
        }
        catch (DuckDBException e)
        {
            throw new StepFailedException($"SQL step '{_stepId}': DuckDB failed running the query: {e.Message}", e);
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
