namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>Workflow definitions (JSON bodies) the API tests store.</summary>
public static class Definitions
{
    /// <summary>A sleep then a noop; a parameter with a default.</summary>
    public static string Sleepy(string id, string duration = "1s") => $$"""
        {
          "id": "{{id}}",
          "description": "API test",
          "parameters": [{ "name": "day", "default": "monday" }],
          "steps": [
            { "type": "sleep", "id": "nap", "duration": "{{duration}}" },
            { "type": "noop", "id": "done", "dependsOn": ["nap"] }
          ]
        }
        """;

    /// <summary>Started by the signal <paramref name="signal"/>.</summary>
    public static string OnSignal(string id, string signal) => $$"""
        {
          "id": "{{id}}",
          "triggers": [{ "type": "signal", "name": "{{signal}}" }],
          "steps": [{ "type": "noop", "id": "one" }]
        }
        """;

    /// <summary>A SQL step that counts the demo's <c>raw.events</c> into <paramref name="table"/> (creating it).</summary>
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
}
