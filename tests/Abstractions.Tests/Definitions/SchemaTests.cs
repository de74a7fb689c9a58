using System.Text.Json;
using Json.Schema;
using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Tests.Definitions;

/// <summary>Keeps docs/workflow-definition.schema.json in step with the parser: what one accepts, the other must.</summary>
public class SchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Repo.SchemaPath));

    [Theory]
    [MemberData(nameof(SampleTests.Files), MemberType = typeof(SampleTests))]
    public void Samples_match_the_schema(string file) => AssertValid(Repo.Read("samples", "pipeline", file));

    [Fact]
    public void Written_definitions_match_the_schema()
    {
        AssertValid(WorkflowDefinitionJson.ToJson(Samples.Everything()));
        AssertValid(WorkflowDefinitionJson.ToJson(Samples.Minimal()));
    }

    [Fact]
    public void The_schema_names_every_property_the_parser_knows()
    {
        // Drift check in the other direction: each property the serializer writes or reads is in the schema.
        using var schema = JsonDocument.Parse(File.ReadAllText(Repo.SchemaPath));
        var defs = schema.RootElement.GetProperty("$defs");
        var expected = new (Type Type, JsonElement Node)[]
        {
            (typeof(WorkflowDefinition), schema.RootElement),
            (typeof(ParameterDefinition), defs.GetProperty("parameter")),
            (typeof(RunStrategy), defs.GetProperty("strategy")),
            (typeof(RetryPolicy), defs.GetProperty("retry")),
            (typeof(SqlInput), defs.GetProperty("sqlInput")),
            (typeof(TableTrigger), defs.GetProperty("tableTrigger")),
            (typeof(CronTrigger), defs.GetProperty("cronTrigger")),
            (typeof(ManualTrigger), defs.GetProperty("manualTrigger")),
            (typeof(SignalTrigger), defs.GetProperty("signalTrigger")),
            (typeof(NoopStep), defs.GetProperty("noopStep")),
            (typeof(SleepStep), defs.GetProperty("sleepStep")),
            (typeof(ShellStep), defs.GetProperty("shellStep")),
            (typeof(HttpStep), defs.GetProperty("httpStep")),
            (typeof(SqlStep), defs.GetProperty("sqlStep")),
            (typeof(DotnetStep), defs.GetProperty("dotnetStep")),
        };
        var common = defs.GetProperty("stepCommon").GetProperty("properties").EnumerateObject().Select(p => p.Name);

        foreach (var (type, node) in expected)
        {
            var inSchema = node.GetProperty("properties").EnumerateObject().Select(p => p.Name)
                .Concat(type.IsSubclassOf(typeof(StepDefinition)) ? common : [])
                .Where(n => n is not "type" and not "$schema")
                .Order(StringComparer.Ordinal);
            var inParser = WorkflowDefinitionJson.Options.GetTypeInfo(type).Properties.Select(p => p.Name)
                .Where(n => n is not "$schema")
                .Order(StringComparer.Ordinal);
            Assert.True(inSchema.SequenceEqual(inParser), $"{type.Name}: schema has {string.Join(", ", inSchema)}; parser has {string.Join(", ", inParser)}");
        }
    }

    [Theory]
    [InlineData("""{"id": "a", "steps": [{"type": "bash", "id": "x"}]}""")]
    [InlineData("""{"id": "a", "steps": [{"type": "shell", "id": "x", "command": "ls", "comand": "ls"}]}""")]
    [InlineData("""{"id": "a", "steps": [{"type": "shell", "id": "x"}]}""")]
    [InlineData("""{"id": "a", "steps": [{"type": "noop", "id": "x", "timeout": "30"}]}""")]
    [InlineData("""{"id": "a", "triggers": [{"type": "table", "tables": ["events"]}], "steps": [{"type": "noop", "id": "x"}]}""")]
    [InlineData("""{"id": "a", "strategy": {"kind": "everything"}, "steps": [{"type": "noop", "id": "x"}]}""")]
    [InlineData("""{"id": "a", "steps": [{"type": "dotnet", "id": "x", "type": "Contoso.Notify"}]}""")]
    [InlineData("""{"id": "a", "unknown": 1, "steps": [{"type": "noop", "id": "x"}]}""")]
    [InlineData("""{"id": "a", "steps": []}""")]
    [InlineData("""{"id": "a", "triggers": [{"type": "signal", "name": "has space"}], "steps": [{"type": "noop", "id": "x"}]}""")]
    [InlineData("""{"id": "a", "triggers": [{"type": "signal", "name": ".."}], "steps": [{"type": "noop", "id": "x"}]}""")]
    public void The_schema_refuses_what_the_parser_or_validator_refuses(string json)
    {
        Assert.False(Evaluate(json).IsValid);
        Assert.ThrowsAny<WorkflowDefinitionException>(() => WorkflowValidator.ThrowIfInvalid(WorkflowDefinitionJson.Parse(json)));
    }

    [Theory]
    [MemberData(nameof(DurationJsonConverterTests.Valid), MemberType = typeof(DurationJsonConverterTests))]
    public void The_schema_accepts_every_duration_the_parser_reads(string duration, TimeSpan _) =>
        AssertValid($$"""{"id": "a", "runTimeout": "{{duration}}", "steps": [{"type": "noop", "id": "x"}]}""");

    [Theory]
    [InlineData("30")]
    [InlineData("5x")]
    [InlineData("5 m")]
    [InlineData("00:60:00")]
    [InlineData("24:00:00")]
    [InlineData("PT5M")]
    public void The_schema_refuses_durations_the_parser_refuses(string duration)
    {
        Assert.False(DurationJsonConverter.TryParse(duration, out _));
        Assert.False(Evaluate($$"""{"id": "a", "runTimeout": "{{duration}}", "steps": [{"type": "noop", "id": "x"}]}""").IsValid);
    }

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static void AssertValid(string json)
    {
        var results = Evaluate(json);
        // The list output also holds the failed "if"s of the type switch, which are not errors.
        var errors = (results.Details ?? []).Where(d => d.Errors is not null && !d.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal))
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"));
        Assert.True(results.IsValid, string.Join(Environment.NewLine, errors));
    }
}
