using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Tests.Definitions;

public class SampleTests
{
    public static TheoryData<string> Files => new(Repo.PipelineSamples.Select(Path.GetFileName)!);

    [Fact]
    public void The_pipeline_samples_are_there() =>
        Assert.Equal(["hourly-aggregate.json", "top-countries.json"], Repo.PipelineSamples.Select(Path.GetFileName));

    [Theory]
    [MemberData(nameof(Files))]
    public void Samples_parse_and_validate(string file)
    {
        var definition = WorkflowDefinitionJson.Parse(Repo.Read("samples", "pipeline", file));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), definition.Id);
        // The demo's catalog: raw.events is loaded first, agg.event_counts is written by hourly-aggregate.
        Assert.Empty(WorkflowValidator.Validate(definition, t => t is "raw.events" or "agg.event_counts"));
    }

    [Fact]
    public void Top_countries_runs_downstream_of_hourly_aggregate()
    {
        var upstream = WorkflowDefinitionJson.Parse(Repo.Read("samples", "pipeline", "hourly-aggregate.json"));
        var downstream = WorkflowDefinitionJson.Parse(Repo.Read("samples", "pipeline", "top-countries.json"));

        Assert.Equal(["raw.events"], upstream.SourceTables);
        Assert.Equal("agg.event_counts", Assert.IsType<SqlStep>(Assert.Single(upstream.Steps)).Target);
        Assert.Equal(["agg.event_counts"], downstream.SourceTables);
    }
}
