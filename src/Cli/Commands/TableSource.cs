using System.CommandLine;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Settings;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Cli.Commands;

/// <summary>
/// Which table a read command looks at: <c>NS.T</c> from the catalog, or <c>--metadata PATH_OR_URI</c> to read a table
/// straight from a metadata.json file (written by any engine), without a catalog.
/// </summary>
public sealed class TableSource
{
    public Argument<string?> Name { get; } = new("table")
    {
        Description = "NAMESPACE.TABLE (omit with --metadata).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string?> Metadata { get; } = new("--metadata", "-m")
    {
        Description = "Read the table from this metadata.json file (local path or s3:// URI) instead of the catalog.",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Name);
        command.Add(Metadata);
    }

    public async Task<Table> LoadAsync(ParseResult result, CommandSession session, CancellationToken cancellationToken)
    {
        var name = result.GetValue(Name);
        var metadata = result.GetValue(Metadata);
        if (metadata is not null)
        {
            if (name is not null)
            {
                throw new CliException(ExitCodes.BadInput, "give either a table name or --metadata, not both.");
            }

            var location = CliSettingsResolver.ResolveLocation(metadata, session.Context.CurrentDirectory);
            if (!CliSettingsResolver.IsS3(location) && !File.Exists(location))
            {
                throw new CliException(ExitCodes.NotFound, $"metadata file '{location}' does not exist.");
            }

            return await Table.LoadFromMetadataAsync(session.IO, location, cancellationToken);
        }

        if (name is null)
        {
            throw new CliException(ExitCodes.BadInput, "a table name (NAMESPACE.TABLE) or --metadata is required.");
        }

        return await session.LoadTableAsync(name, cancellationToken);
    }
}
