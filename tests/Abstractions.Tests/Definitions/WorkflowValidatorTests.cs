using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Tests.Definitions;

public class WorkflowValidatorTests
{
    private static readonly HashSet<string> Catalog = ["raw.events", "raw.users"];

    [Fact]
    public void Valid_definitions_have_no_errors()
    {
        Assert.Empty(WorkflowValidator.Validate(Samples.Everything(), Catalog.Contains));
        Assert.Empty(WorkflowValidator.Validate(Samples.Minimal()));
        WorkflowValidator.ThrowIfInvalid(Samples.Everything(), Catalog.Contains);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("-starts-with-dash", "is not a workflow id")]
    [InlineData("has space", "is not a workflow id")]
    [InlineData("a/b", "is not a workflow id")]
    public void Workflow_id_must_be_present_and_well_formed(string id, string message) =>
        AssertError(Samples.Minimal() with { Id = id }, "id", message);

    [Fact]
    public void Workflow_id_may_be_128_characters_not_129()
    {
        Assert.Empty(WorkflowValidator.Validate(Samples.Minimal() with { Id = new string('a', 128) }));
        AssertError(Samples.Minimal() with { Id = new string('a', 129) }, "id", "1 to 128");
    }

    [Fact]
    public void A_workflow_needs_a_step() => AssertError(Samples.Minimal() with { Steps = [] }, "steps", "at least one step");

    [Fact]
    public void Step_ids_are_unique()
    {
        var definition = Samples.Minimal() with { Steps = [new NoopStep { Id = "a" }, new NoopStep { Id = "b" }, new NoopStep { Id = "a" }] };

        AssertError(definition, "steps[2].id", "duplicate step id 'a' (also steps[0])");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has.dot")]
    [InlineData("_leading")]
    [InlineData("a b")]
    public void Step_ids_are_well_formed(string id) =>
        AssertError(Samples.Minimal() with { Steps = [new NoopStep { Id = id }] }, "steps[0].id", id.Length == 0 ? "required" : "is not a step id");

    [Fact]
    public void Dependencies_name_existing_steps_other_than_the_step_itself()
    {
        var definition = Samples.Minimal() with
        {
            Steps = [new NoopStep { Id = "a" }, new NoopStep { Id = "b", DependsOn = ["a", "nope", "b", ""] }],
        };

        var errors = WorkflowValidator.Validate(definition);

        Assert.Equal(["steps[1].dependsOn[1]", "steps[1].dependsOn[2]", "steps[1].dependsOn[3]"], errors.Select(e => e.Path));
        Assert.Contains("unknown step 'nope'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("depends on itself", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_is_reported_with_its_path()
    {
        var definition = Samples.Minimal() with
        {
            Steps = [new NoopStep { Id = "a", DependsOn = ["b"] }, new NoopStep { Id = "b", DependsOn = ["a"] }],
        };

        AssertError(definition, "steps[1].dependsOn[0]", "dependency cycle: a -> b -> a");
    }

    [Fact]
    public void A_longer_cycle_off_a_valid_branch_is_reported_once()
    {
        var definition = Samples.Minimal() with
        {
            Steps =
            [
                new NoopStep { Id = "start" },
                new NoopStep { Id = "x", DependsOn = ["start", "z"] },
                new NoopStep { Id = "y", DependsOn = ["x"] },
                new NoopStep { Id = "z", DependsOn = ["y"] },
                new NoopStep { Id = "end", DependsOn = ["z", "start"] },
            ],
        };

        AssertError(definition, "steps[2].dependsOn[0]", "dependency cycle: x -> z -> y -> x");
    }

    [Fact]
    public void A_long_chain_is_no_problem()
    {
        var steps = Enumerable.Range(0, 20_000).Select(i => new NoopStep { Id = $"s{i}", DependsOn = i == 0 ? [] : [$"s{i - 1}"] }).ToArray();

        Assert.Empty(WorkflowValidator.Validate(Samples.Minimal() with { Steps = steps }));
    }

    [Fact]
    public void Parameter_names_are_unique_and_well_formed()
    {
        var definition = Samples.Minimal() with
        {
            Parameters =
            [
                new ParameterDefinition { Name = "region" },
                new ParameterDefinition { Name = "region", Default = "eu" },
                new ParameterDefinition { Name = "bad-name" },
            ],
        };

        var errors = WorkflowValidator.Validate(definition);

        Assert.Equal(["parameters[1].name", "parameters[2].name"], errors.Select(e => e.Path));
        Assert.Contains("duplicate parameter name 'region'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("is not a parameter name", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_without_default_is_refused_when_table_commits_or_cron_ticks_start_runs()
    {
        ParameterDefinition[] parameters = [new() { Name = "region", Default = "eu" }, new() { Name = "day" }];

        AssertError(Samples.Minimal() with { Parameters = parameters, Triggers = [new TableTrigger { Tables = ["raw.events"] }] },
            "parameters[1].default", "the table trigger starts runs without parameter values");
        AssertError(Samples.Minimal() with { Parameters = parameters, Triggers = [new ManualTrigger(), new CronTrigger { Cron = "@daily" }] },
            "parameters[1].default", "the cron trigger");
        Assert.Empty(WorkflowValidator.Validate(Samples.Minimal() with { Parameters = parameters, Triggers = [new ManualTrigger(), new SignalTrigger { Name = "go" }] }));
        Assert.Empty(WorkflowValidator.Validate(Samples.Minimal() with { Parameters = parameters }));
    }

    [Fact]
    public void A_table_trigger_needs_tables() =>
        AssertError(Samples.Minimal() with { Triggers = [new TableTrigger()] }, "triggers[0].tables", "at least one table");

    [Theory]
    [InlineData("events")]
    [InlineData("raw.")]
    [InlineData(".events")]
    [InlineData("raw.events-2")]
    [InlineData("raw.2events")]
    [InlineData("raw..events")]
    public void Trigger_tables_are_namespace_dot_table(string table) =>
        AssertError(Samples.Minimal() with { Triggers = [new TableTrigger { Tables = ["raw.events", table] }] }, "triggers[0].tables[1]", $"'{table}' is not a table name");

    [Fact]
    public void Trigger_tables_must_exist_when_the_catalog_is_known()
    {
        var definition = Samples.Minimal() with { Triggers = [new ManualTrigger(), new TableTrigger { Tables = ["raw.events", "raw.missing"] }] };

        AssertError(definition, "triggers[1].tables[1]", "unknown table 'raw.missing'", Catalog.Contains);
        Assert.Empty(WorkflowValidator.Validate(definition));
    }

    [Fact]
    public void Each_table_is_looked_up_once()
    {
        var lookups = new List<string>();
        var definition = Samples.Everything() with { Triggers = [new TableTrigger { Tables = ["raw.events", "raw.users"] }, new TableTrigger { Tables = ["raw.events"] }] };

        WorkflowValidator.Validate(definition, t =>
        {
            lookups.Add(t);
            return true;
        });

        Assert.Equal(["raw.events", "raw.users"], lookups);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), got 4")]
    [InlineData("* * * * * * *", "got 7")]
    [InlineData("61 * * * *", "is not a cron expression")]
    [InlineData("*/5 * * * mon-xyz", "is not a cron expression")]
    [InlineData("@sometimes", "is not a cron expression")]
    public void Cron_expressions_must_parse(string cron, string message) =>
        AssertError(Samples.Minimal() with { Triggers = [new CronTrigger { Cron = cron }] }, "triggers[0].cron", message);

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 30 2 * * *")]
    [InlineData("0 0 1 1 *")]
    [InlineData("@daily")]
    [InlineData("@every_minute")]
    [InlineData("@every_second")]
    [InlineData("@HOURLY")]
    public void Cron_expressions_of_5_or_6_fields_and_macros_are_fine(string cron) =>
        Assert.Empty(WorkflowValidator.Validate(Samples.Minimal() with { Triggers = [new CronTrigger { Cron = cron, TimeZone = "UTC" }] }));

    [Fact]
    public void Cron_expressions_are_read_with_seconds_when_they_have_6_fields()
    {
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(from.AddMinutes(5), CronExpressions.Parse("*/5 * * * *").GetNextOccurrence(from));
        Assert.Equal(from.AddSeconds(5), CronExpressions.Parse("*/5 * * * * *").GetNextOccurrence(from));
        Assert.Equal(from.AddDays(1), CronExpressions.Parse("@daily").GetNextOccurrence(from));
        Assert.Contains("got 3", Assert.Throws<FormatException>(() => CronExpressions.Parse("* * *")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData(" ")]
    public void Time_zones_must_be_known(string zone) =>
        AssertError(Samples.Minimal() with { Triggers = [new CronTrigger { Cron = "* * * * *", TimeZone = zone }] }, "triggers[0].timeZone", "time zone");

    [Fact]
    public void A_parallel_strategy_needs_a_positive_limit()
    {
        AssertError(Samples.Minimal() with { Strategy = new RunStrategy { Kind = RunStrategyKind.Parallel, MaxParallel = 0 } }, "strategy.maxParallel", "at least 1, not 0");
        AssertError(Samples.Minimal() with { Strategy = new RunStrategy { Kind = (RunStrategyKind)42 } }, "strategy.kind", "unknown run strategy 42");
    }

    [Fact]
    public void Retry_policies_are_checked_for_the_workflow_and_each_step()
    {
        var bad = new RetryPolicy { MaxRetries = -1, InitialBackoff = TimeSpan.Zero, BackoffMultiplier = 0.5, MaxBackoff = TimeSpan.FromSeconds(-1) };
        var definition = Samples.Minimal() with { Retry = bad, Steps = [new NoopStep { Id = "a", Retry = bad with { MaxRetries = 1, BackoffMultiplier = double.NaN } }] };

        var errors = WorkflowValidator.Validate(definition);

        Assert.Equal(
            ["retry.maxRetries", "retry.initialBackoff", "retry.maxBackoff", "retry.backoffMultiplier",
             "steps[0].retry.initialBackoff", "steps[0].retry.maxBackoff", "steps[0].retry.backoffMultiplier"],
            errors.Select(e => e.Path));
    }

    [Fact]
    public void Max_backoff_is_not_below_the_initial_backoff() =>
        AssertError(Samples.Minimal() with { Retry = new RetryPolicy { InitialBackoff = TimeSpan.FromMinutes(5), MaxBackoff = TimeSpan.FromMinutes(1) } }, "retry.maxBackoff", "at least initialBackoff (00:05:00)");

    [Fact]
    public void Timeouts_and_limits_are_positive()
    {
        var definition = Samples.Minimal() with
        {
            RunTimeout = TimeSpan.Zero,
            StepConcurrency = -1,
            Steps = [new NoopStep { Id = "a", Timeout = TimeSpan.FromSeconds(-1) }, new SleepStep { Id = "b", Duration = TimeSpan.FromSeconds(-1) }, new SleepStep { Id = "c" }],
        };

        Assert.Equal(["stepConcurrency", "runTimeout", "steps[0].timeout", "steps[1].duration"], WorkflowValidator.Validate(definition).Select(e => e.Path));
    }

    [Fact]
    public void Shell_steps_need_a_command_and_valid_variable_names()
    {
        var definition = Samples.Minimal() with
        {
            Steps = [new ShellStep { Id = "a", Command = " ", WorkingDirectory = "", Environment = new Dictionary<string, string> { ["OK_1"] = "x", ["NOT-OK"] = "y" } }],
        };

        Assert.Equal(["steps[0].command", "steps[0].workingDirectory", "steps[0].environment.NOT-OK"], WorkflowValidator.Validate(definition).Select(e => e.Path));
    }

    [Theory]
    [InlineData("", "steps[0].url", "required")]
    [InlineData("/relative/path", "steps[0].url", "is not an absolute http or https URL")]
    [InlineData("ftp://example.com/file", "steps[0].url", "is not an absolute http or https URL")]
    [InlineData("file:///etc/passwd", "steps[0].url", "is not an absolute http or https URL")]
    public void Http_urls_are_absolute_http(string url, string path, string message) =>
        AssertError(Samples.Minimal() with { Steps = [new HttpStep { Id = "h", Url = url }] }, path, message);

    [Fact]
    public void Http_methods_headers_and_statuses_are_checked()
    {
        var definition = Samples.Minimal() with
        {
            Steps =
            [
                new HttpStep
                {
                    Id = "h",
                    Url = "HTTPS://example.com",
                    Method = "GET STUFF",
                    Headers = new Dictionary<string, string> { ["X-Ok"] = "1", ["Bad Header"] = "2" },
                    ExpectStatus = [200, 99, 600],
                },
                new HttpStep { Id = "i", Url = "http://localhost:8080/x", Method = "PURGE" },
            ],
        };

        var errors = WorkflowValidator.Validate(definition);

        Assert.Equal(["steps[0].method", "steps[0].headers.Bad Header", "steps[0].expectStatus[1]", "steps[0].expectStatus[2]"], errors.Select(e => e.Path));
        Assert.Contains("'GET STUFF' is not an HTTP method", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("99 is not an HTTP status code (100 to 599)", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_steps_need_a_query_and_a_namespace_dot_table_target()
    {
        var definition = WithSql(new SqlStep { Id = "s", Query = "", Target = "daily" });

        Assert.Equal(["steps[0].query", "steps[0].target"], WorkflowValidator.Validate(definition).Select(e => e.Path));
        AssertError(WithSql(new SqlStep { Id = "s", Query = "SELECT 1", Target = "agg.daily-2" }), "steps[0].target", "bad SQL target 'agg.daily-2': expected namespace.table");
        AssertError(WithSql(new SqlStep { Id = "s", Query = "SELECT 1", Target = "" }), "steps[0].target", "required");
    }

    [Fact]
    public void A_sql_step_may_not_write_a_table_it_reads()
    {
        AssertError(
            WithSql(new SqlStep { Id = "s", Query = "SELECT 1", Target = "agg.daily", Inputs = [new SqlInput { Table = "agg.daily", Mode = SqlInputMode.Full }] }),
            "steps[0].target", "is also an input of this step");
        AssertError(WithSql(new SqlStep { Id = "s", Query = "SELECT 1", Target = "raw.events" }), "steps[0].target", "is also a trigger table of this workflow");
    }

    [Fact]
    public void Sql_inputs_are_valid_existing_tables_unless_written_by_this_workflow()
    {
        var definition = WithSql(
            new SqlStep { Id = "first", Query = "SELECT 1", Target = "agg.first" },
            new SqlStep
            {
                Id = "second",
                DependsOn = ["first"],
                Query = "SELECT 1",
                Target = "agg.second",
                Inputs = [new SqlInput { Table = "agg.first", Mode = SqlInputMode.Full }, new SqlInput { Table = "raw.missing" }, new SqlInput { Table = "nonsense" }],
            });

        var errors = WorkflowValidator.Validate(definition, Catalog.Contains);

        Assert.Equal(["steps[1].inputs[1].table", "steps[1].inputs[2].table"], errors.Select(e => e.Path));
        Assert.Contains("unknown table 'raw.missing'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'nonsense' is not a table name", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_view_names_are_unique_identifiers()
    {
        var definition = WithSql(new SqlStep
        {
            Id = "s",
            Query = "SELECT 1",
            Target = "agg.x",
            Inputs =
            [
                new SqlInput { Table = "raw.events" },
                new SqlInput { Table = "other.events" },
                new SqlInput { Table = "raw.users", As = "EVENTS" },
                new SqlInput { Table = "raw.users", As = "u-1" },
                new SqlInput { Table = "raw.users", As = "users", Mode = (SqlInputMode)7 },
            ],
        });

        var errors = WorkflowValidator.Validate(definition);

        Assert.Equal(["steps[0].inputs[1].table", "steps[0].inputs[2].as", "steps[0].inputs[3].as", "steps[0].inputs[4].mode"], errors.Select(e => e.Path));
        Assert.Contains("duplicate view name 'events' (also inputs[0])", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("duplicate view name 'EVENTS'", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("'u-1' is not a SQL view name", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sql_step_without_inputs_needs_table_triggers_with_distinct_names()
    {
        var step = new SqlStep { Id = "s", Query = "SELECT 1", Target = "agg.x" };

        AssertError(Samples.Minimal() with { Steps = [step] }, "steps[0].inputs", "the workflow has no table trigger");
        AssertError(
            Samples.Minimal() with { Triggers = [new TableTrigger { Tables = ["raw.events", "staging.events"] }], Steps = [step] },
            "steps[0].inputs", "the trigger tables raw.events and staging.events would all be the view 'events'");
    }

    [Fact]
    public void Max_files_per_shard_is_at_least_one_when_set()
    {
        AssertError(WithSql(new SqlStep { Id = "s", Query = "SELECT 1", Target = "agg.x", MaxFilesPerShard = 0 }), "steps[0].maxFilesPerShard", "at least 1");
        Assert.Empty(WorkflowValidator.Validate(WithSql(new SqlStep { Id = "s", Query = "SELECT 1", Target = "agg.x", MaxFilesPerShard = 1 })));
    }

    [Fact]
    public void Dotnet_steps_name_a_class()
    {
        var definition = Samples.Minimal() with { Steps = [new DotnetStep { Id = "d", Type = " ", Assembly = "" }] };

        Assert.Equal(["steps[0].class", "steps[0].assembly"], WorkflowValidator.Validate(definition).Select(e => e.Path));
    }

    [Fact]
    public void Nulls_from_careless_callers_are_errors_not_crashes()
    {
        var definition = Samples.Minimal() with
        {
            Parameters = [null!],
            Triggers = [null!, new TableTrigger { Tables = null! }],
            Strategy = null!,
            Retry = null!,
            Steps = [null!, new NoopStep { Id = "a", DependsOn = null! }, new SqlStep { Id = "b", Query = null!, Target = null!, Inputs = [null!] }],
        };

        Assert.Equal(
            ["parameters[0]", "triggers[0]", "triggers[1].tables", "strategy", "retry", "steps[0]", "steps[1].dependsOn",
             "steps[2].query", "steps[2].target", "steps[2].inputs[0]"],
            WorkflowValidator.Validate(definition).Select(e => e.Path));
    }

    [Fact]
    public void All_errors_are_collected()
    {
        var definition = new WorkflowDefinition
        {
            Id = "bad id",
            Triggers = [new CronTrigger { Cron = "nope" }, new TableTrigger { Tables = ["raw.events"] }],
            Strategy = new RunStrategy { Kind = RunStrategyKind.Parallel, MaxParallel = 0 },
            Steps =
            [
                new SqlStep { Id = "agg", Query = "SELECT 1", Target = "daily" },
                new ShellStep { Id = "agg", Command = "", DependsOn = ["missing"] },
                new HttpStep { Id = "h", Url = "nope" },
            ],
        };

        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowValidator.ThrowIfInvalid(definition, Catalog.Contains));

        Assert.Equal(
            ["id", "triggers[0].cron", "strategy.maxParallel", "steps[1].id", "steps[0].target", "steps[1].dependsOn[0]", "steps[1].command", "steps[2].url"],
            e.Errors.Select(x => x.Path));
        Assert.StartsWith("Invalid workflow definition: id: 'bad id' is not a workflow id", e.Message, StringComparison.Ordinal);
    }

    private static WorkflowDefinition WithSql(params SqlStep[] steps) =>
        Samples.Minimal() with { Triggers = [new TableTrigger { Tables = ["raw.events"] }], Steps = steps };

    [Theory]
    [InlineData("orders")]
    [InlineData("orders.arrived")]
    [InlineData("kafka_orders-v2")]
    [InlineData("9lives")]
    public void A_signal_trigger_names_a_signal(string name)
    {
        Assert.Empty(WorkflowValidator.Validate(Samples.Minimal() with { Triggers = [new SignalTrigger { Name = name }] }));
        Assert.True(WorkflowValidator.IsSignalName(name));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("  ", "required")]
    [InlineData("has space", "is not a signal name")]
    [InlineData("a/b", "is not a signal name")]
    [InlineData("..", "is not a signal name")]
    [InlineData(".hidden", "is not a signal name")]
    [InlineData("-dash", "is not a signal name")]
    [InlineData("ünicode", "is not a signal name")]
    public void A_bad_signal_name_is_refused_at_its_path(string name, string message) =>
        AssertError(Samples.Minimal() with { Triggers = [new ManualTrigger(), new SignalTrigger { Name = name }] }, "triggers[1].name", message);

    [Fact]
    public void A_signal_name_may_be_128_characters_not_129()
    {
        Assert.Empty(WorkflowValidator.Validate(Samples.Minimal() with { Triggers = [new SignalTrigger { Name = new string('s', 128) }] }));
        AssertError(Samples.Minimal() with { Triggers = [new SignalTrigger { Name = new string('s', 129) }] }, "triggers[0].name", "1 to 128");
        Assert.False(WorkflowValidator.IsSignalName(new string('s', 129)));
        Assert.False(WorkflowValidator.IsSignalName(null));
    }

    [Fact]
    public void The_same_signal_twice_is_refused_at_the_second()
    {
        var definition = Samples.Minimal() with { Triggers = [new SignalTrigger { Name = "go" }, new ManualTrigger(), new SignalTrigger { Name = "go" }] };

        AssertError(definition, "triggers[2].name", "duplicate signal trigger 'go' (also triggers[0])");
    }

    [Fact]
    public void A_bad_signal_name_given_to_post_is_an_argument_error_naming_signal()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => WorkflowValidator.ThrowIfNotSignalName("no/such"));

        Assert.Equal("signal", error.ParamName);
        Assert.Contains("'no/such' is not a signal name", error.Message, StringComparison.Ordinal);
        WorkflowValidator.ThrowIfNotSignalName("fine.name");
    }

    private static void AssertError(WorkflowDefinition definition, string path, string message, Func<string, bool>? tableExists = null)
    {
        var error = Assert.Single(WorkflowValidator.Validate(definition, tableExists));
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
