namespace OrleansMaestro.Cli.Output;

/// <summary>How listings are printed.</summary>
public enum OutputFormat
{
    /// <summary>A table drawn with box characters, for a person at a terminal (the default when stdout is a terminal).</summary>
    Table,

    /// <summary>RFC 4180 CSV with a header row (the default when stdout is redirected); re-appendable by <c>append</c>.</summary>
    Csv,

    /// <summary>One JSON object per line; re-appendable by <c>append</c>.</summary>
    Jsonl,

    /// <summary>One JSON array of objects.</summary>
    Json,
}
