using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Silo.Api;

/// <summary>Workflows: create or update, validate, read, list, versions, activate, delete.</summary>
internal static class WorkflowEndpoints
{
    private const string Tag = "Workflows";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet(ApiRoutes.Workflows, ListAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("ListWorkflows").WithSummary("Every workflow, ordered by id.").WithTags(Tag)
            .Produces<IReadOnlyList<WorkflowSummary>>();
        api.MapPost(ApiRoutes.Workflows, PutAsync).RequireAuthorization(ApiPolicies.Write)
            .WithName("PutWorkflow").WithSummary("Stores a new version of a workflow definition (creating the workflow when new) and makes it active.").WithTags(Tag)
            .AcceptsJson<WorkflowDefinition>()
            .Produces<WorkflowVersionCreated>(StatusCodes.Status201Created).Produces<WorkflowVersionCreated>().ProducesValidationProblem();
        api.MapPost(ApiRoutes.ValidateWorkflow, ValidateAsync).RequireAuthorization(ApiPolicies.Write)
            .WithName("ValidateWorkflow").WithSummary("Checks a definition as storing it would, without storing it; 400 names every error by path.").WithTags(Tag)
            .AcceptsJson<WorkflowDefinition>()
            .Produces(StatusCodes.Status200OK).ProducesValidationProblem();
        api.MapGet(ApiRoutes.Workflow, GetAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetWorkflow").WithSummary("The workflow's active definition, watermarks and runs.").WithTags(Tag)
            .Produces<WorkflowInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete(ApiRoutes.Workflow, DeleteAsync).RequireAuthorization(ApiPolicies.Write)
            .WithName("DeleteWorkflow").WithSummary("Stops the workflow's active runs and deletes it (its versions and run numbers are kept for a later create).").WithTags(Tag)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(ApiRoutes.WorkflowVersions, VersionsAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("ListWorkflowVersions").WithSummary("Every stored version, oldest first.").WithTags(Tag)
            .Produces<IReadOnlyList<WorkflowVersionInfo>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(ApiRoutes.WorkflowVersion, VersionAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetWorkflowVersion").WithSummary("One stored version's definition.").WithTags(Tag)
            .Produces<WorkflowDefinition>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(ApiRoutes.ActivateWorkflowVersion, ActivateAsync).RequireAuthorization(ApiPolicies.Write)
            .WithName("ActivateWorkflowVersion").WithSummary("Makes a stored version the one new runs use.").WithTags(Tag)
            .Produces<WorkflowInfo>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key).ListAsync().WaitAsync(cancellationToken));

    private static async Task<IResult> PutAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var definition = await RequestJson.ReadDefinitionAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(definition.Id))
        {
            // The id is the grain's key: without one there is no grain to ask (the validator names the other problems).
            throw new WorkflowDefinitionException([new DefinitionError("id", "required: a workflow needs an id.")]);
        }

        var workflow = grains.GetGrain<IWorkflowGrain>(definition.Id);
        var existed = await workflow.GetAsync().WaitAsync(cancellationToken) is not null;
        var version = await workflow.PutDefinitionAsync(definition).WaitAsync(cancellationToken);
        var created = new WorkflowVersionCreated { WorkflowId = definition.Id, Version = version };
        return existed ? TypedResults.Ok(created) : TypedResults.Created(ApiRoutes.Fill(ApiRoutes.Workflow, ("workflowId", definition.Id)), created);
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var definition = await RequestJson.ReadDefinitionAsync(request, cancellationToken);
        var errors = await grains.GetGrain<IWorkflowValidatorGrain>(IWorkflowValidatorGrain.Key).ValidateAsync(definition).WaitAsync(cancellationToken);
        return errors.Count == 0 ? TypedResults.Ok() : throw new WorkflowDefinitionException(errors);
    }

    private static async Task<IResult> GetAsync(string workflowId, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrain<IWorkflowGrain>(workflowId).GetAsync().WaitAsync(cancellationToken) ?? throw Missing(workflowId));

    private static async Task<IResult> DeleteAsync(string workflowId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        await grains.GetGrain<IWorkflowGrain>(workflowId).DeleteAsync().WaitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> VersionsAsync(string workflowId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var workflow = grains.GetGrain<IWorkflowGrain>(workflowId);
        var versions = await workflow.ListVersionsAsync().WaitAsync(cancellationToken);
        // A workflow never stored has no versions; a deleted one keeps them (a later create continues their numbers).
        return versions.Count > 0 ? TypedResults.Ok(versions) : throw Missing(workflowId);
    }

    private static async Task<IResult> VersionAsync(string workflowId, string version, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var number = RouteValues.Version(version);
        var definition = await grains.GetGrain<IWorkflowGrain>(workflowId).GetVersionAsync(number).WaitAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"Workflow '{workflowId}' has no version {number}.");
        return TypedResults.Ok(definition);
    }

    private static async Task<IResult> ActivateAsync(string workflowId, string version, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var number = RouteValues.Version(version);
        return TypedResults.Ok(await grains.GetGrain<IWorkflowGrain>(workflowId).ActivateVersionAsync(number).WaitAsync(cancellationToken));
    }

    private static KeyNotFoundException Missing(string workflowId) => new($"Workflow '{workflowId}' does not exist.");
}
