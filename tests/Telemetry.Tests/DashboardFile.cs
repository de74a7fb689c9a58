using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansMaestro.Telemetry.Tests;

/// <summary>One Grafana dashboard of k8s/dashboards, with its panel queries and template variables.</summary>
public sealed partial class DashboardFile
{
    public static readonly string[] Names = ["overview", "freshness", "cluster"];

    private DashboardFile(string name, JsonElement root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }

    public JsonElement Root { get; }

    public static string Folder => Path.Combine(RepoPaths.Root, "k8s", "dashboards");

    public static DashboardFile Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")));
        return new DashboardFile(name, document.RootElement.Clone());
    }

    public IEnumerable<JsonElement> Panels => Root.GetProperty("panels").EnumerateArray();

    public IEnumerable<JsonElement> Variables => Root.GetProperty("templating").GetProperty("list").EnumerateArray();

    /// <summary>Every panel target's PromQL, as "panel title / refId" and expression.</summary>
    public IEnumerable<(string Where, string Expr)> Queries =>
        Panels.SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t =>
            ($"{Name}: '{p.GetProperty("title").GetString()}' {t.GetProperty("refId").GetString()}", t.GetProperty("expr").GetString()!)));

    /// <summary>
    /// The query as Prometheus is asked it: workflow, table and instance variables match everything (their "All"
    /// value), <c>$__rate_interval</c> is one minute (what Grafana picks for a 1 s scrape interval, four samples and more).
    /// </summary>
    public static string Substitute(string expr)
    {
        var result = expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal);
        return VariableReference().Replace(result, ".*");
    }

    /// <summary>A variable's <c>label_values(metric, label)</c> as a query whose result lists the label's values.</summary>
    public static string? VariableQuery(JsonElement variable)
    {
        if (variable.GetProperty("type").GetString() != "query")
        {
            return null;
        }

        var match = LabelValues().Match(variable.GetProperty("query").GetProperty("query").GetString()!);
        return match.Success ? $"count by ({match.Groups[2].Value}) ({match.Groups[1].Value})" : throw new FormatException($"not a label_values query: {variable}");
    }

    [GeneratedRegex(@"\$\{?(workflow|table|instance)\}?")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$")]
    private static partial Regex LabelValues();
}
