using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Cli.Errors;

namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary>
/// Reads <c>-f FILE|DIR</c> (every <c>*.json</c> of a folder, not its subfolders) and checks each definition locally
/// (shape and meaning, without asking which tables exist), then orders them so a workflow comes after the workflows
/// that write the tables it reads (ties and cycles by file name).
/// </summary>
public static class WorkflowFiles
{
    public static async Task<IReadOnlyList<WorkflowFile>> ReadAsync(string? fileOrDirectory, string currentDirectory, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(fileOrDirectory))
        {
            throw new CliException(ExitCodes.BadInput, "-f FILE|DIR is required.");
        }

        var path = Path.GetFullPath(fileOrDirectory, currentDirectory);
        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                throw new CliException(ExitCodes.BadInput, $"-f: folder '{fileOrDirectory}' holds no *.json file.");
            }
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new CliException(ExitCodes.BadInput, $"-f: '{fileOrDirectory}' is neither a file nor a folder.");
        }

        var read = new List<WorkflowFile>();
        foreach (var file in files)
        {
            read.Add(await ReadOneAsync(file, Path.GetRelativePath(currentDirectory, file), cancellationToken));
        }

        var duplicates = read.Where(f => f.Definition is not null).GroupBy(f => f.Definition!.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).ToArray();
        foreach (var group in duplicates)
        {
            for (var i = 0; i < read.Count; i++)
            {
                if (read[i].Definition?.Id == group.Key)
                {
                    read[i] = read[i] with { Errors = [.. read[i].Errors, new DefinitionError("id", $"workflow '{group.Key}' is defined in several files: {string.Join(", ", group.Select(f => f.DisplayName))}.")] };
                }
            }
        }

        return Order(read);
    }

    private static async Task<WorkflowFile> ReadOneAsync(string file, string displayName, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (IOException e)
        {
            return new WorkflowFile(file, displayName, null, [new DefinitionError("$", $"cannot read the file: {e.Message}")]);
        }

        try
        {
            var definition = WorkflowDefinitionJson.Parse(json);
            return new WorkflowFile(file, displayName, definition, WorkflowValidator.Validate(definition));
        }
        catch (WorkflowDefinitionException e)
        {
            return new WorkflowFile(file, displayName, null, e.Errors.Count > 0 ? e.Errors : [new DefinitionError("$", e.Message)]);
        }
    }

    /// <summary>Writers of a table before its readers; otherwise by file name.</summary>
    internal static IReadOnlyList<WorkflowFile> Order(IReadOnlyList<WorkflowFile> files)
    {
        var remaining = files.OrderBy(f => f.DisplayName, StringComparer.Ordinal).ToList();
        var ordered = new List<WorkflowFile>();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(f => !remaining.Any(o => !ReferenceEquals(o, f) && Feeds(o, f))) ?? remaining[0];
            ordered.Add(next);
            remaining.Remove(next);
        }

        return ordered;
    }

    private static bool Feeds(WorkflowFile writer, WorkflowFile reader) =>
        writer.Definition is { } w && reader.Definition is { } r && w.WrittenTables.Intersect(r.ReadTables, StringComparer.Ordinal).Any();
}
