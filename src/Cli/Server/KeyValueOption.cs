using System.CommandLine;
using OrleansMaestro.Cli.Errors;

namespace OrleansMaestro.Cli.Server;

/// <summary>The repeatable <c>-p key=value</c> option (run parameters, signal parameters).</summary>
public static class KeyValueOption
{
    public static Option<string[]> Create(string description) => new("--param", "-p")
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Reads <c>key=value</c> pairs (the value may contain '=' and be empty); a key given twice is an error.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string>? pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliException(ExitCodes.BadInput, $"-p '{pair}': expected key=value.");
            }

            var key = pair[..eq].Trim();
            if (!values.TryAdd(key, pair[(eq + 1)..]))
            {
                throw new CliException(ExitCodes.BadInput, $"-p: parameter '{key}' is given twice.");
            }
        }

        return values;
    }
}
