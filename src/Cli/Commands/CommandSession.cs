using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Output;
using OrleansMaestro.Cli.Settings;
using OrleansMaestro.Cli.Storage;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Cli.Commands;

/// <summary>What one command run works with: the settings, file IO, and the catalog, opened only when first needed.</summary>
public sealed class CommandSession : IAsyncDisposable
{
    private readonly ResolvingFileIO _io;
    private CatalogHandle? _catalog;

    public CommandSession(CliContext context, CliSettings settings)
    {
        Context = context;
        Settings = settings;
        _io = FileIOFactory.Create(settings);
    }

    public CliContext Context { get; }

    public CliSettings Settings { get; }

    public IFileIO IO => _io;

    public async Task<SqlCatalog> CatalogAsync(CancellationToken cancellationToken)
    {
        _catalog ??= await CatalogFactory.OpenAsync(Settings, IO, cancellationToken);
        return _catalog.Catalog;
    }

    public async Task<Table> LoadTableAsync(string name, CancellationToken cancellationToken)
    {
        var id = ParseTableName(name);
        var catalog = await CatalogAsync(cancellationToken);
        return await catalog.LoadTableAsync(id, cancellationToken);
    }

    public ResultPrinter Printer(string? format)
    {
        OutputFormat resolved;
        if (string.IsNullOrEmpty(format))
        {
            resolved = Context.OutputIsTerminal ? OutputFormat.Table : OutputFormat.Csv;
        }
        else if (!Enum.TryParse(format, ignoreCase: true, out resolved) || int.TryParse(format, out _))
        {
            throw new CliException(ExitCodes.BadInput, $"--format '{format}': expected table, csv, jsonl or json.");
        }

        return new ResultPrinter(Context.Out, resolved);
    }

    public static TableIdentifier ParseTableName(string? name)
    {
        try
        {
            return TableIdentifier.Parse(name ?? string.Empty);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }

        _io.Dispose();
    }
}
