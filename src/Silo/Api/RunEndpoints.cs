using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Orchestration;

namespace OrleansMaestro.Silo.Api;

/// <summary>Runs: start, backfill, read, list, stop, restart (the event stream is <see cref="RunEventEndpoints"/>).</summary>
internal static class RunEndpoints
{
    private const string Tag = "Runs";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(ApiRoutes.WorkflowRuns, StartAsync).RequireAuthorization(ApiPolicies.Write)
            .WithName("StartRun").WithSummary("Starts a manual run, queued under the workflow's run strategy.").WithTags(Tag)
            .AcceptsJson<StartRunRequest>(required: false)
            .Produces<RunReference>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(ApiRoutes.WorkflowRuns, ListWorkflowRunsAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("ListWorkflowRuns").WithSummary("The workflow's runs, newest first; query status, since, until, limit.").WithTags(Tag)
            .Produces<IReadOnlyList<RunInfo>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(ApiRoutes.Backfills, BackfillAsync).RequireAuthorization(ApiPolicies.Write)
            .WithName("Backfill").WithSummary("Starts a run over explicit snapshot ranges of the workflow's sources; moves no watermark.").WithTags(Tag)
            .AcceptsJson<BackfillRequest>()
            .Produces<RunReference>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(ApiRoutes.Runs, ListAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("ListRuns").WithSummary("Runs of every workflow, newest first; query workflow, status, since, until, limit (1..1000, default 100).").WithTags(Tag)
            .Produces<IReadOnlyList<RunInfo>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(ApiRoutes.Run, GetAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetRun").WithSummary("One run with its steps and timings.").WithTags(Tag)
            .Produces<RunInfo>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(ApiRoutes.StopRun, StopAsync).RequireAuthorization(ApiPolicies.Write)
            .WithName("StopRun").WithSummary("Stops a started run; a finished one is returned as it is; a queued one answers 409.").WithTags(Tag)
            .Produces<RunInfo>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost(ApiRoutes.RestartRun, RestartAsync).RequireAuthorization(ApiPolicies.Write)
            .WithName("RestartRun").WithSummary("Runs a failed, timed-out or stopped run's unfinished steps again; 409 when it may not be restarted.").WithTags(Tag)
            .Produces<RunInfo>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> StartAsync(string workflowId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync<StartRunRequest>(request, optional: true, cancellationToken) ?? new StartRunRequest();
        var number = await grains.GetGrain<IWorkflowGrain>(workflowId).StartRunAsync(new RunRequest { Parameters = body.Parameters }).WaitAsync(cancellationToken);
        return Accepted(workflowId, number);
    }

    private static async Task<IResult> BackfillAsync(string workflowId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var body = (await RequestJson.ReadAsync<BackfillRequest>(request, optional: false, cancellationToken))!;
        var number = await grains.GetGrain<IWorkflowGrain>(workflowId)
            .StartRunAsync(new RunRequest { Parameters = body.Parameters, Sources = body.Sources })
            .WaitAsync(cancellationToken);
        return Accepted(workflowId, number);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key).QueryAsync(RunQueryString.Parse(request.Query, null)).WaitAsync(cancellationToken));

    private static async Task<IResult> ListWorkflowRunsAsync(string workflowId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key).QueryAsync(RunQueryString.Parse(request.Query, workflowId)).WaitAsync(cancellationToken));

    private static async Task<IResult> GetAsync(string workflowId, string runNumber, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RunControl.GetAsync(grains, RouteValues.Run(workflowId, runNumber), cancellationToken));

    private static async Task<IResult> StopAsync(string workflowId, string runNumber, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RunControl.StopAsync(grains, RouteValues.Run(workflowId, runNumber), cancellationToken));

    private static async Task<IResult> RestartAsync(string workflowId, string runNumber, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RunControl.RestartAsync(grains, RouteValues.Run(workflowId, runNumber), cancellationToken));

    private static IResult Accepted(string workflowId, long number)
    {
        var reference = new RunReference { WorkflowId = workflowId, RunNumber = number };
        var location = ApiRoutes.Fill(ApiRoutes.Run, ("workflowId", workflowId), ("runNumber", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return TypedResults.Accepted(location, reference);
    }
}
