namespace OrleansMaestro.Cli.Server;

/// <summary>How the server commands print what the server answered.</summary>
public enum ServerOutputFormat
{
    /// <summary>Tables and lines for a person (the default on a terminal).</summary>
    Table,

    /// <summary>The API's own JSON (ApiJson), one document per line; stable for scripts (the default when stdout is redirected).</summary>
    Json,
}
