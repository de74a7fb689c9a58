using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Tests.Definitions;

/// <summary>Definitions the tests start from.</summary>
internal static class Samples
{
    /// <summary>Valid, with every trigger type, every step type and every optional field set to something not default.</summary>
    public static WorkflowDefinition Everything() => new()
    {
        Id = "everything.v1",
        Description = "Every trigger and step type.",
        Version = 3,
        Parameters =
        [
            new ParameterDefinition { Name = "region", Description = "Which region.", Default = "eu" },
            new ParameterDefinition { Name = "day", Default = "today" },
        ],
        Triggers =
        [
            new TableTrigger { Tables = ["raw.events", "raw.users"] },
            new CronTrigger { Cron = "*/5 * * * *", TimeZone = "Europe/Amsterdam" },
            new CronTrigger { Cron = "30 0 * * * *" },
            new ManualTrigger(),
            new SignalTrigger { Name = "orders.arrived-v2" },
        ],
        Strategy = new RunStrategy { Kind = RunStrategyKind.Parallel, MaxParallel = 3 },
        StepConcurrency = 4,
        RunTimeout = TimeSpan.FromHours(2),
        Retry = new RetryPolicy { MaxRetries = 3, InitialBackoff = TimeSpan.FromMilliseconds(250), BackoffMultiplier = 1.5, MaxBackoff = TimeSpan.FromMinutes(2) },
        Steps =
        [
            new SqlStep
            {
                Id = "agg",
                Query = "SELECT day, count(*) AS n FROM events JOIN users USING (user_id) WHERE n > 0 GROUP BY day",
                Inputs =
                [
                    new SqlInput { Table = "raw.events" },
                    new SqlInput { Table = "raw.users", As = "users", Mode = SqlInputMode.Full },
                ],
                Target = "agg.daily",
                MaxFilesPerShard = 16,
                Timeout = TimeSpan.FromMinutes(10),
                Retry = new RetryPolicy { MaxRetries = 1 },
            },
            new ShellStep
            {
                Id = "notify",
                DependsOn = ["agg"],
                Command = "echo \"done: $MAESTRO_RUN\"",
                WorkingDirectory = "/tmp",
                Environment = new Dictionary<string, string> { ["LEVEL"] = "info", ["TARGET"] = "agg.daily" },
            },
            new HttpStep
            {
                Id = "webhook",
                DependsOn = ["agg"],
                Url = "https://example.com/hooks/done?x=<1>",
                Method = "POST",
                Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
                Body = "{\"ok\": true}",
                ExpectStatus = [200, 202],
                ExpectBodyContains = "accepted",
            },
            new SleepStep { Id = "cool-down", DependsOn = ["notify", "webhook"], Duration = TimeSpan.FromSeconds(30) },
            new DotnetStep
            {
                Id = "custom_step",
                DependsOn = ["cool-down"],
                Assembly = "Contoso.Steps.dll",
                Type = "Contoso.Steps.Notify",
                Settings = new Dictionary<string, string> { ["channel"] = "#data" },
            },
            new NoopStep { Id = "end", DependsOn = ["custom_step"] },
        ],
    };

    /// <summary>The smallest valid definition: one no-op step.</summary>
    public static WorkflowDefinition Minimal() => new() { Id = "minimal", Steps = [new NoopStep { Id = "only" }] };
}
