using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Silo.Api;

/// <summary>External signals: a post starts a run of every workflow whose active version triggers on the signal.</summary>
internal static class SignalEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(ApiRoutes.Signal, PostAsync).RequireAuthorization(ApiPolicies.Write)
            .WithName("PostSignal").WithSummary("Posts an external signal; every workflow with a matching signal trigger starts a run.").WithTags("Signals")
            .AcceptsJson<SignalRequest>(required: false)
            .Produces<SignalAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem();
    }

    private static async Task<IResult> PostAsync(string signal, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        WorkflowValidator.ThrowIfNotSignalName(signal);

        var body = await RequestJson.ReadAsync<SignalRequest>(request, optional: true, cancellationToken) ?? new SignalRequest();
        var accepted = await grains.GetGrain<ISignalGrain>(signal).PostAsync(body.Parameters).WaitAsync(cancellationToken);
        return TypedResults.Accepted((string?)null, accepted);
    }
}
