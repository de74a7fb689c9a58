using System.CommandLine;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Partitioning;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Commands;

/// <summary><c>maestro table create NS.T --schema FILE [--partition-by SPEC]</c>.</summary>
public static class CreateCommand
{
    public static Command Build(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var name = new Argument<string>("table") { Description = "NAMESPACE.TABLE; the namespace is created when missing." };
        var schemaFile = new Option<string>("--schema", "-s")
        {
            Description = "An Iceberg schema as JSON (the spec's form: {\"type\":\"struct\",\"fields\":[{\"id\":1,\"name\":...,\"required\":...,\"type\":...}]}).",
            Required = true,
        };
        var partitionBy = new Option<string?>("--partition-by", "-p")
        {
            Description = "Partition spec, e.g. \"day(ts),bucket(16,id),identity(category),truncate(4,name)\" or \"category\".",
        };
        var command = new Command("create", "Create a table.") { name, schemaFile, partitionBy };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var id = CommandSession.ParseTableName(result.GetValue(name));
            var schema = await ReadSchemaAsync(Path.GetFullPath(result.GetValue(schemaFile)!, session.Context.CurrentDirectory), ct);
            PartitionSpec spec;
            try
            {
                spec = PartitionSpecText.Parse(result.GetValue(partitionBy), schema);
            }
            catch (FormatException e)
            {
                throw new CliException(ExitCodes.BadInput, e.Message, e);
            }

            var catalog = await session.CatalogAsync(ct);
            if (await catalog.TableExistsAsync(id, ct))
            {
                throw new CliException(ExitCodes.Conflict, $"table {id} already exists.");
            }

            await catalog.EnsureNamespaceAsync(id.Namespace, ct);
            var table = await catalog.CreateTableAsync(id, schema, spec, cancellationToken: ct);
            await session.Context.Out.WriteLineAsync($"created table {id} at {table.Location}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<Schema> ReadSchemaAsync(string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException(ExitCodes.BadInput, $"schema file '{path}' does not exist.", e);
        }

        try
        {
            return SchemaParser.FromJson(json);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new CliException(ExitCodes.BadInput, $"schema file '{path}' is not a valid Iceberg schema: {e.Message}", e);
        }
    }
}
