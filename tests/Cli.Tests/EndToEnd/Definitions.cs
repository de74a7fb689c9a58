namespace OrleansMaestro.Cli.Tests.EndToEnd;

/// <summary>Workflow definition files the end-to-end tests apply.</summary>
public static class Definitions
{
    /// <summary>A sleep then a noop; a parameter with a default.</summary>
    public static string Sleepy(string id, string duration = "300ms") => $$"""
        {
          "id": "{{id}}",
          "description": "CLI test",
          "parameters": [{ "name": "day", "default": "monday" }],
          "steps": [
            { "type": "sleep", "id": "nap", "duration": "{{duration}}" },
            { "type": "noop", "id": "done", "dependsOn": ["nap"] }
          ]
        }
        """;

    /// <summary>A shell step that fails (no retries).</summary>
    public static string Failing(string id) => $$"""
        { "id": "{{id}}", "steps": [{ "type": "shell", "id": "fail", "command": "exit 3" }] }
        """;

    /// <summary>Counts raw.events (full) into <paramref name="table"/>.</summary>
    public static string Writes(string id, string table) => $$"""
        {
          "id": "{{id}}",
          "steps": [{
            "type": "sql", "id": "write",
            "inputs": [{ "table": "raw.events", "as": "events", "mode": "full" }],
            "query": "SELECT count(*) AS n FROM events",
            "target": "{{table}}"
          }]
        }
        """;

    /// <summary>Triggered by commits to <paramref name="table"/>; one noop step.</summary>
    public static string OnTable(string id, string table) => $$"""
        { "id": "{{id}}", "triggers": [{ "type": "table", "tables": ["{{table}}"] }], "steps": [{ "type": "noop", "id": "seen" }] }
        """;

    public static string OnSignal(string id, string signal) => $$"""
        { "id": "{{id}}", "triggers": [{ "type": "signal", "name": "{{signal}}" }], "steps": [{ "type": "noop", "id": "one" }] }
        """;
}
