using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Silo.Api;

/// <summary>Tables of the catalog, their refresh, and lineage.</summary>
internal static class TableEndpoints
{
    private const string Tag = "Tables";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet(ApiRoutes.Tables, ListAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("ListTables").WithSummary("Every table of the catalog, ordered by name.").WithTags(Tag)
            .Produces<IReadOnlyList<TableSummary>>();
        api.MapGet(ApiRoutes.Table, GetAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetTable").WithSummary("One table (namespace.table) with its snapshots, schema, subscribers and writers.").WithTags(Tag)
            .Produces<TableDetails>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(ApiRoutes.RefreshTable, RefreshAsync).RequireAuthorization(ApiPolicies.Write)
            .WithName("RefreshTable").WithSummary("Re-reads the table's catalog pointer now and signals its workflows if it moved.").WithTags(Tag)
            .Produces<TableSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(ApiRoutes.TableLineage, TableLineageAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetTableLineage").WithSummary("The lineage graph around one table: everything upstream and downstream of it.").WithTags("Lineage")
            .Produces<LineageGraph>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(ApiRoutes.Lineage, LineageAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetLineage").WithSummary("The whole lineage graph of tables and workflows.").WithTags("Lineage")
            .Produces<LineageGraph>();
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Directory(grains).ListTablesAsync().WaitAsync(cancellationToken));

    private static async Task<IResult> GetAsync(string table, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Directory(grains).GetTableAsync(table).WaitAsync(cancellationToken) ?? throw Missing(table));

    private static async Task<IResult> RefreshAsync(string table, IGrainFactory grains, CancellationToken cancellationToken)
    {
        // The directory checks the name and the catalog first: a table grain for a name that is no table would be kept.
        var details = await Directory(grains).GetTableAsync(table).WaitAsync(cancellationToken) ?? throw Missing(table);
        var info = await grains.GetGrain<ITableGrain>(details.Table).RefreshAsync().WaitAsync(cancellationToken);
        return TypedResults.Ok(new TableSummary { Table = info.Table, CurrentSnapshotId = info.CurrentSnapshotId, LastCommitAt = info.LastCommitAt });
    }

    private static async Task<IResult> TableLineageAsync(string table, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key).GetLineageAsync(table).WaitAsync(cancellationToken));

    private static async Task<IResult> LineageAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key).GetLineageAsync(null).WaitAsync(cancellationToken));

    private static ITableDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<ITableDirectoryGrain>(ITableDirectoryGrain.Key);

    private static KeyNotFoundException Missing(string table) => new($"Table '{table}' is not in the catalog.");
}
