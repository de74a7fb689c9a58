using System.Text.Json.Nodes;
using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Tests.Definitions;

public class WorkflowDefinitionJsonTests
{
    [Fact]
    public void Round_trip_keeps_every_trigger_step_and_field()
    {
        var definition = Samples.Everything();

        var json = WorkflowDefinitionJson.ToJson(definition);
        var parsed = WorkflowDefinitionJson.Parse(json);

        // Records holding lists compare lists by reference, so compare the canonical JSON and spot-check the values.
        Assert.Equal(json, WorkflowDefinitionJson.ToJson(parsed));
        Assert.Equal(definition.Steps.Select(s => s.GetType()), parsed.Steps.Select(s => s.GetType()));
        Assert.Equal(definition.Triggers.Select(t => t.GetType()), parsed.Triggers.Select(t => t.GetType()));
        Assert.Equal(definition.Strategy, parsed.Strategy);
        Assert.Equal(definition.Retry, parsed.Retry);
        Assert.Equal(TimeSpan.FromHours(2), parsed.RunTimeout);
        Assert.Equal(3, parsed.Version);
        var sql = Assert.IsType<SqlStep>(parsed.Steps[0]);
        Assert.Equal(SqlInputMode.Full, sql.Inputs[1].Mode);
        Assert.Equal(16, sql.MaxFilesPerShard);
        Assert.Equal(new RetryPolicy { MaxRetries = 1 }, sql.Retry);
        var dotnet = Assert.IsType<DotnetStep>(parsed.Steps[4]);
        Assert.Equal("Contoso.Steps.Notify", dotnet.Type);
        Assert.Equal("#data", dotnet.Settings["channel"]);
        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<SleepStep>(parsed.Steps[3]).Duration);
        Assert.Equal([200, 202], Assert.IsType<HttpStep>(parsed.Steps[2]).ExpectStatus);
        Assert.Equal("Europe/Amsterdam", Assert.IsType<CronTrigger>(parsed.Triggers[1]).TimeZone);
        Assert.Empty(WorkflowValidator.Validate(parsed));
    }

    [Fact]
    public void Written_json_uses_camel_case_names_enums_and_c_format_durations()
    {
        var json = JsonNode.Parse(WorkflowDefinitionJson.ToJson(Samples.Everything()))!;

        Assert.Equal("parallel", (string?)json["strategy"]!["kind"]);
        Assert.Equal("02:00:00", (string?)json["runTimeout"]);
        Assert.Equal("00:00:00.2500000", (string?)json["retry"]!["initialBackoff"]);
        Assert.Equal("table", (string?)json["triggers"]![0]!["type"]);
        Assert.Equal("full", (string?)json["steps"]![0]!["inputs"]![1]!["mode"]);
        Assert.Equal("incremental", (string?)json["steps"]![0]!["inputs"]![0]!["mode"]);
        var dotnet = json["steps"]![4]!.AsObject();
        Assert.Equal("dotnet", (string?)dotnet["type"]);
        Assert.Equal("Contoso.Steps.Notify", (string?)dotnet["class"]);
        Assert.Equal("type", dotnet.First().Key);
        Assert.False(dotnet.ContainsKey("typeName"));
        Assert.False(json.AsObject().ContainsKey("sourceTables"));
        // Header names and settings keys are data, not property names: no camelCase for them.
        Assert.Equal("application/json", (string?)json["steps"]![2]!["headers"]!["Content-Type"]);
    }

    [Fact]
    public void Written_json_leaves_out_nulls_empty_lists_and_the_unassigned_version()
    {
        var json = WorkflowDefinitionJson.ToJson(Samples.Minimal());
        var node = JsonNode.Parse(json)!.AsObject();

        Assert.Equal(["id", "strategy", "stepConcurrency", "retry", "steps"], node.Select(p => p.Key));
        Assert.Equal(["type", "id"], node["steps"]![0]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_is_written_readably()
    {
        var json = WorkflowDefinitionJson.ToJson(Samples.Everything());

        Assert.Contains("WHERE n > 0", json, StringComparison.Ordinal);
        Assert.Contains("https://example.com/hooks/done?x=<1>", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_accepts_type_anywhere_comments_trailing_commas_short_durations_and_any_enum_case()
    {
        const string json = """
            {
              // editors' schema hint, ignored
              "$schema": "../docs/workflow-definition.schema.json",
              "id": "lenient",
              "strategy": { "maxParallel": 2, "kind": "Parallel" },
              "runTimeout": "1h30m",
              "retry": { "maxRetries": 2, "initialBackoff": "250ms", "maxBackoff": "00:01:00" },
              "triggers": [ { "tables": ["raw.events"], "type": "table" } ],
              "steps": [
                { "id": "wait", "duration": "1.5s", "type": "sleep", "timeout": "1d" },
                { "id": "sql", "query": "SELECT 1", "target": "agg.x", "type": "sql", "inputs": [ { "table": "raw.events", "mode": "FULL" } ] },
              ],
            }
            """;

        var definition = WorkflowDefinitionJson.Parse(json);

        Assert.Equal(RunStrategyKind.Parallel, definition.Strategy.Kind);
        Assert.Equal(2, definition.Strategy.MaxParallel);
        Assert.Equal(TimeSpan.FromMinutes(90), definition.RunTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), definition.Retry.InitialBackoff);
        Assert.Equal(2, definition.Retry.BackoffMultiplier);
        Assert.Equal(["raw.events"], Assert.IsType<TableTrigger>(Assert.Single(definition.Triggers)).Tables);
        var sleep = Assert.IsType<SleepStep>(definition.Steps[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), sleep.Duration);
        Assert.Equal(TimeSpan.FromDays(1), sleep.Timeout);
        Assert.Equal(SqlInputMode.Full, Assert.IsType<SqlStep>(definition.Steps[1]).Inputs[0].Mode);
        Assert.Empty(WorkflowValidator.Validate(definition));
    }

    [Fact]
    public void A_signal_trigger_reads_and_writes_its_name()
    {
        var definition = WorkflowDefinitionJson.Parse("""{"id": "s", "triggers": [{"type": "signal", "name": "orders.arrived"}], "steps": [{"type": "noop", "id": "x"}]}""");

        Assert.Equal("orders.arrived", Assert.IsType<SignalTrigger>(Assert.Single(definition.Triggers)).Name);
        Assert.Equal(["orders.arrived"], definition.SignalNames);
        Assert.Contains("\"name\": \"orders.arrived\"", WorkflowDefinitionJson.ToJson(definition), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signal_trigger_without_a_name_is_refused_naming_it()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionJson.Parse("""{"id": "s", "triggers": [{"type": "signal"}], "steps": [{"type": "noop", "id": "x"}]}"""));

        Assert.Contains(e.Errors, x => x.Path.StartsWith("triggers[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_apply_to_left_out_fields()
    {
        var definition = WorkflowDefinitionJson.Parse("""{"id": "d", "steps": [{"type": "http", "id": "h", "url": "http://x"}]}""");

        Assert.Equal(RunStrategy.Sequential, definition.Strategy);
        Assert.Equal(RetryPolicy.None, definition.Retry);
        Assert.Empty(definition.Triggers);
        Assert.Empty(definition.Parameters);
        var http = Assert.IsType<HttpStep>(Assert.Single(definition.Steps));
        Assert.Equal("GET", http.Method);
        Assert.Empty(http.DependsOn);
        Assert.Empty(http.Headers);
        Assert.Null(http.Timeout);
        Assert.Null(http.Retry);
    }

    [Theory]
    [InlineData("""{"id": "a", "steps": [{"id": "x", "type": "noop"}, {"id": "y", "type": "bash"}]}""", "steps[1].type", "unknown step type 'bash': expected one of \"noop\", \"sleep\", \"shell\", \"http\", \"sql\", \"dotnet\"")]
    [InlineData("""{"id": "a", "steps": [{"id": "x"}]}""", "steps[0].type", "required: the step type")]
    [InlineData("""{"id": "a", "triggers": [{"type": "cronjob"}], "steps": []}""", "triggers[0].type", "unknown trigger type 'cronjob'")]
    [InlineData("""{"id": "a", "triggers": [{"tables": ["a.b"]}], "steps": []}""", "triggers[0].type", "required: the trigger type")]
    [InlineData("""{"id": "a", "steps": [{"id": "x", "type": "shell"}]}""", "steps[0].command", "required: a shell step needs \"command\"")]
    [InlineData("""{"steps": []}""", "id", "required: a workflow needs \"id\"")]
    [InlineData("""{"id": "a", "triggers": [{"type": "cron"}], "steps": []}""", "triggers[0].cron", "required: a cron trigger needs \"cron\"")]
    [InlineData("""{"id": "a", "steps": [{"id": "x", "type": "shell", "command": "x", "comand": "y"}]}""", "steps[0].comand", "unknown property 'comand' of a shell step: did you mean 'command'?")]
    [InlineData("""{"id": "a", "Steps": []}""", "Steps", "did you mean 'steps'?")]
    [InlineData("""{"id": "a", "schedule": "daily", "steps": []}""", "schedule", "unknown property 'schedule' of a workflow; its properties are id, description")]
    [InlineData("""{"id": "a", "sourceTables": ["raw.events"], "steps": []}""", "sourceTables", "unknown property 'sourceTables' of a workflow")]
    [InlineData("""{"id": "a", "steps": [{"type": "noop", "id": "x", "typeName": "noop"}]}""", "steps[0].typeName", "unknown property 'typeName' of a noop step")]
    [InlineData("""{"id": "a", "steps": [{"type": "dotnet", "id": "x", "Class": "C"}]}""", "steps[0].Class", "unknown property 'Class' of a dotnet step: did you mean 'class'?")]
    [InlineData("""{"id": "a", "steps": [{"type": "dotnet", "id": "x", "type": "Contoso.Notify"}]}""", "steps[0].type", "duplicate property 'type' (a dotnet step names its class in \"class\")")]
    [InlineData("""{"id": "a", "id": "b", "steps": []}""", "id", "duplicate property 'id'")]
    [InlineData("""{"id": "a", "stepConcurrency": "x", "steps": []}""", "stepConcurrency", "expected a whole number")]
    [InlineData("""{"id": "a", "version": 1.5, "steps": []}""", "version", "expected a whole number")]
    [InlineData("""{"id": "a", "retry": {"backoffMultiplier": "2"}, "steps": []}""", "retry.backoffMultiplier", "expected a number")]
    [InlineData("""{"id": 7, "steps": []}""", "id", "expected a string")]
    [InlineData("""{"id": "a", "steps": {}}""", "steps", "expected an array")]
    [InlineData("""{"id": "a", "steps": [3]}""", "steps[0]", "expected a step object with a \"type\"")]
    [InlineData("""{"id": "a", "strategy": "parallel", "steps": []}""", "strategy", "expected a strategy object")]
    [InlineData("""{"id": "a", "steps": [{"id": "x", "type": "noop", "timeout": "abc"}]}""", "steps[0].timeout", "'abc' is not a duration: expected a duration such as \"00:05:00\", \"30s\"")]
    [InlineData("""{"id": "a", "steps": [{"id": "x", "type": "noop", "timeout": 5}]}""", "steps[0].timeout", "got a number")]
    [InlineData("""{"id": "a", "strategy": {"kind": "bogus"}, "steps": []}""", "strategy.kind", "expected one of \"sequential\", \"parallel\", \"firstOnly\", \"lastOnly\"")]
    [InlineData("""{"id": "a", "strategy": {"kind": 1}, "steps": []}""", "strategy.kind", "expected one of")]
    [InlineData("""{"id": "a", "steps": [{"type": "sql", "id": "x", "query": "q", "target": "a.b", "inputs": [{"table": "x.y", "mode": "all"}]}]}""", "steps[0].inputs[0].mode", "expected one of \"incremental\", \"full\"")]
    [InlineData("""{"id": "a", "steps": [{"id": "x", "type": "shell", "command": null}]}""", "steps[0].command", "must not be null")]
    [InlineData("""{"id": "a", "steps": [{"id": "x", "type": "noop", "dependsOn": "y"}]}""", "steps[0].dependsOn", "expected an array")]
    [InlineData("""{"id": "a", "steps": [{"type": "http", "id": "x", "url": "y", "headers": {"a": 1}}]}""", "steps[0].headers.a", "expected a string")]
    [InlineData("""{"id": "a", "steps": [{"id": "x",, "type": "noop"}]}""", "steps[0]", "invalid JSON: ',' is an invalid start of a property name. Expected a '\"'. (line 1, byte ")]
    [InlineData("{\"id\": \"a\",\n  \"steps\": [", "steps[0]", "invalid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed. (line 2, byte 13)")]
    [InlineData("""{"id": "a", "steps": []} x""", "$", "invalid JSON: 'x' is invalid after a single JSON value")]
    [InlineData("", "$", "the document is empty")]
    [InlineData("null", "$", "expected a workflow object, got null")]
    [InlineData("[]", "$", "expected a workflow object")]
    public void Bad_json_is_an_error_at_its_path(string json, string path, string message)
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionJson.Parse(json));

        var error = Assert.Single(e.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_properties_are_each_an_error()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionJson.Parse("""{"id": "a", "steps": [{"type": "sql", "id": "s"}]}"""));

        Assert.Equal(["steps[0].query", "steps[0].target"], e.Errors.Select(x => x.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_prefix_of_a_definition_fails_with_a_definition_error_not_a_json_exception()
    {
        var json = WorkflowDefinitionJson.ToJson(Samples.Everything());

        for (var length = 0; length < json.Length - 1; length++)
        {
            var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionJson.Parse(json[..length]));
            Assert.NotEmpty(e.Errors);
            Assert.All(e.Errors, x => Assert.False(string.IsNullOrEmpty(x.Path)));
        }
    }
}
