using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Tests.Definitions;

public class WorkflowBuilderTests
{
    [Fact]
    public void Builds_what_the_json_says()
    {
        var built = new WorkflowBuilder("daily-agg")
            .Description("Daily counts.")
            .OnTableCommit("raw.events")
            .OnCron("*/5 * * * *", "Europe/Amsterdam")
            .OnManual()
            .Parallel(3)
            .StepConcurrency(2)
            .RunTimeout(TimeSpan.FromHours(1))
            .Retry(3, TimeSpan.FromSeconds(1))
            .Parameter("region", "eu", "Which region.")
            .Step(new SqlStep { Id = "agg", Query = "SELECT day, count(*) AS n FROM events GROUP BY day", Target = "agg.daily" })
            .Shell("notify", "echo done", dependsOn: ["agg"])
            .Http("ping", "https://example.com/ping", "POST", dependsOn: ["agg"])
            .Sleep("wait", TimeSpan.FromSeconds(5), dependsOn: ["notify", "ping"])
            .Dotnet("custom", "Contoso.Steps.Notify", "Contoso.Steps.dll", dependsOn: ["wait"])
            .Sql("copy", "SELECT * FROM daily", "agg.copy", [new SqlInput { Table = "agg.daily", Mode = SqlInputMode.Full }], dependsOn: ["custom"])
            .Noop("end", dependsOn: ["copy"])
            .Build();

        var fromJson = WorkflowDefinitionJson.Parse("""
            {
              "id": "daily-agg",
              "description": "Daily counts.",
              "parameters": [{ "name": "region", "description": "Which region.", "default": "eu" }],
              "triggers": [
                { "type": "table", "tables": ["raw.events"] },
                { "type": "cron", "cron": "*/5 * * * *", "timeZone": "Europe/Amsterdam" },
                { "type": "manual" }
              ],
              "strategy": { "kind": "parallel", "maxParallel": 3 },
              "stepConcurrency": 2,
              "runTimeout": "1h",
              "retry": { "maxRetries": 3, "initialBackoff": "1s" },
              "steps": [
                { "type": "sql", "id": "agg", "query": "SELECT day, count(*) AS n FROM events GROUP BY day", "target": "agg.daily" },
                { "type": "shell", "id": "notify", "dependsOn": ["agg"], "command": "echo done" },
                { "type": "http", "id": "ping", "dependsOn": ["agg"], "url": "https://example.com/ping", "method": "POST" },
                { "type": "sleep", "id": "wait", "dependsOn": ["notify", "ping"], "duration": "5s" },
                { "type": "dotnet", "id": "custom", "dependsOn": ["wait"], "assembly": "Contoso.Steps.dll", "class": "Contoso.Steps.Notify" },
                { "type": "sql", "id": "copy", "dependsOn": ["custom"], "query": "SELECT * FROM daily", "target": "agg.copy",
                  "inputs": [{ "table": "agg.daily", "mode": "full" }] },
                { "type": "noop", "id": "end", "dependsOn": ["copy"] }
              ]
            }
            """);

        Assert.Equal(WorkflowDefinitionJson.ToJson(fromJson), WorkflowDefinitionJson.ToJson(built));
    }

    [Fact]
    public void Strategy_shortcuts()
    {
        static RunStrategy Of(Func<WorkflowBuilder, WorkflowBuilder> configure) => configure(new WorkflowBuilder("w").Noop("a")).Build().Strategy;

        Assert.Equal(RunStrategy.Sequential, Of(b => b));
        Assert.Equal(RunStrategy.Sequential, Of(b => b.Parallel(2).Sequential()));
        Assert.Equal(RunStrategyKind.FirstOnly, Of(b => b.FirstOnly()).Kind);
        Assert.Equal(RunStrategyKind.LastOnly, Of(b => b.LastOnly()).Kind);
        Assert.Equal(new RunStrategy { Kind = RunStrategyKind.Parallel, MaxParallel = 4 }, Of(b => b.Strategy(new RunStrategy { Kind = RunStrategyKind.Parallel, MaxParallel = 4 })));
    }

    [Fact]
    public void Retry_defaults_match_the_policy_defaults()
    {
        var definition = new WorkflowBuilder("w").Retry(2).Noop("a").Build();

        Assert.Equal(new RetryPolicy { MaxRetries = 2 }, definition.Retry);
    }

    [Fact]
    public void Build_validates_and_names_every_problem()
    {
        var builder = new WorkflowBuilder("w")
            .OnCron("not a cron")
            .Parallel(0)
            .Shell("a", "echo", dependsOn: ["b"])
            .Shell("b", "echo", dependsOn: ["a"]);

        var e = Assert.Throws<WorkflowDefinitionException>(builder.Build);

        Assert.Equal(["triggers[0].cron", "strategy.maxParallel", "steps[1].dependsOn[0]"], e.Errors.Select(x => x.Path));
    }

    [Fact]
    public void Build_does_not_look_up_tables()
    {
        var definition = new WorkflowBuilder("w").OnTableCommit("nowhere.to_be_found").Sql("s", "SELECT 1 AS x", "agg.x").Build();

        Assert.Equal(["nowhere.to_be_found"], definition.SourceTables);
    }
}
