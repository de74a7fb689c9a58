using Microsoft.Data.Sqlite;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Startup;

/// <summary>
/// The ids of the workflows kept in the grain state file. Read from the state itself rather than from a separate
/// list, so every workflow counts however it was stored (demo, client, a future API) and nothing can drift out of sync.
/// </summary>
internal sealed class StoredWorkflows(SiloPaths paths, IGrainFactory grains)
{
    // The state name WorkflowGrain gives its [PersistentState]; rows of other grains carry their own names.
    private const string WorkflowStateName = "workflow";

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(paths.StateFile))
        {
            return [];
        }

        var workflowType = grains.GetGrain<IWorkflowGrain>("any").GetGrainId().Type;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = paths.StateFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT grain_id FROM maestro_grain_state WHERE state_name = $name ORDER BY grain_id
            """;
        command.Parameters.AddWithValue("$name", WorkflowStateName);
        var ids = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (GrainId.TryParse(reader.GetString(0), out var id) && id.Type.Equals(workflowType))
                {
                    ids.Add(id.Key.ToString()!);
                }
            }
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase))
        {
            // The file exists but no grain has written state yet.
        }

        return ids;
    }
}
