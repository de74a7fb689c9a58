using System.Net;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;
using static OrleansMaestro.Silo.Tests.Api.ApiSilo;

namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>Tables, refresh and lineage against a real silo; a SQL step over the demo's raw.events creates the table they look at.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class TableApiTests(ApiSilo silo)
{
    private HttpClient Http => silo.Http;

    [Fact]
    public async Task A_table_a_workflow_wrote_is_listed_detailed_refreshed_and_in_the_lineage()
    {
        using (var put = await Http.PostAsync(Url(ApiRoutes.Workflows), Json(Definitions.Writes("tbl-writer", "api.numbers"))))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        using var started = await Http.PostAsync(Url("/api/v1/workflows/tbl-writer/runs"), null);
        var run = await ReadAsync<RunReference>(started);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        RunInfo info;
        do
        {
            await Task.Delay(200);
            using var get = await Http.GetAsync(Url($"/api/v1/workflows/tbl-writer/runs/{run.RunNumber}"));
            info = await ReadAsync<RunInfo>(get);
        }
        while (!info.Status.IsFinal() && DateTime.UtcNow < deadline);
        Assert.True(info.Status == RunStatus.Succeeded, $"{info.Status}: {info.Error} {string.Join("; ", info.Steps.Select(s => s.Error))}");

        using var list = await Http.GetAsync(Url(ApiRoutes.Tables));
        var table = Assert.Single(await ReadAsync<TableSummary[]>(list), t => t.Table == "api.numbers");
        Assert.NotNull(table.CurrentSnapshotId);

        using var details = await Http.GetAsync(Url("/api/v1/tables/api.numbers"));
        var detailed = await ReadAsync<TableDetails>(details);
        Assert.Equal(table.CurrentSnapshotId, Assert.Single(detailed.Snapshots).SnapshotId);
        Assert.Equal(["tbl-writer"], detailed.Writers);
        Assert.Equal("n", Assert.Single(detailed.Columns).Name);

        using var refreshed = await Http.PostAsync(Url("/api/v1/tables/api.numbers/refresh"), null);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(table.CurrentSnapshotId, (await ReadAsync<TableSummary>(refreshed)).CurrentSnapshotId);

        using var around = await Http.GetAsync(Url("/api/v1/tables/api.numbers/lineage"));
        var graph = await ReadAsync<LineageGraph>(around);
        Assert.Contains(graph.Nodes, n => n.Id == "tbl-writer");
        Assert.Contains(graph.Nodes, n => n.Id == "api.numbers");
        Assert.Contains(graph.Edges, e => e.From == "raw.events" && e.To == "tbl-writer");
        Assert.Contains(graph.Edges, e => e.From == "tbl-writer" && e.To == "api.numbers");

        using var whole = await Http.GetAsync(Url(ApiRoutes.Lineage));
        Assert.Contains((await ReadAsync<LineageGraph>(whole)).Nodes, n => n.Id == "api.numbers");
    }

    [Fact]
    public async Task Missing_tables_are_404s_and_bad_names_400s_naming_the_table()
    {
        foreach (var path in new[] { "/api/v1/tables/api.missing", "/api/v1/tables/api.missing/lineage" })
        {
            using var response = await Http.GetAsync(Url(path));
            await Problem.AssertNotFoundAsync(response);
        }

        using var refresh = await Http.PostAsync(Url("/api/v1/tables/api.missing/refresh"), null);
        await Problem.AssertNotFoundAsync(refresh);

        foreach (var path in new[] { "/api/v1/tables/bad..name", "/api/v1/tables/nonamespace/lineage" })
        {
            using var response = await Http.GetAsync(Url(path));
            await Problem.AssertInvalidAsync(response, "table");
        }

        using var refreshBad = await Http.PostAsync(Url("/api/v1/tables/bad..name/refresh"), null);
        await Problem.AssertInvalidAsync(refreshBad, "table");
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);
}
