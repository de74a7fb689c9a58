using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Client.Http;

namespace OrleansMaestro.Client.Tests.Unit;

public sealed class ApiPathsTests
{
    [Fact]
    public void Paths_are_the_routes_with_escaped_values_relative_to_the_base_address()
    {
        Assert.Equal("api/v1/workflows/daily%20agg", ApiPaths.Workflow("daily agg"));
        Assert.Equal("api/v1/workflows/a%2Fb/versions/3/activate", ApiPaths.ActivateWorkflowVersion("a/b", 3));
        Assert.Equal("api/v1/workflows/w/runs/12/events", ApiPaths.RunEvents(new RunReference { WorkflowId = "w", RunNumber = 12 }));
        Assert.Equal("api/v1/tables/raw.events/refresh", ApiPaths.RefreshTable("raw.events"));
        Assert.Equal("api/v1/lineage", ApiPaths.Lineage(null));
        Assert.Equal("api/v1/tables/raw.events/lineage", ApiPaths.Lineage("raw.events"));
        Assert.Equal("api/v1/signals/orders%3Fx%3D1", ApiPaths.Signal("orders?x=1"));
    }

    [Fact]
    public void Filling_checks_the_template_parameters()
    {
        Assert.Throws<ArgumentException>(() => ApiPaths.Fill(ApiRoutes.Workflow));
        Assert.Throws<ArgumentException>(() => ApiPaths.Fill(ApiRoutes.Workflows, ("workflowId", "x")));
    }

    [Fact]
    public void A_run_query_becomes_the_query_string_the_api_reads()
    {
        Assert.Equal("api/v1/runs", ApiPaths.Runs(null));
        var query = new RunQuery
        {
            WorkflowId = "w 1",
            Status = RunStatus.TimedOut,
            Since = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero),
            Until = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero),
            Limit = 5,
        };
        Assert.Equal(
            "api/v1/runs?workflow=w%201&status=timedOut&since=2026-12-06T00%3A00%3A00.0000000%2B00%3A00&until=2026-12-07T00%3A00%3A00.0000000%2B00%3A00&limit=5",
            ApiPaths.Runs(query));
        Assert.Equal("api/v1/runs?limit=100", ApiPaths.Runs(new RunQuery()));
    }
}
