using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Api;

/// <summary>Wires the HTTP API (docs/api.md) into the silo's web host.</summary>
internal static class MaestroApiExtensions
{
    /// <summary>The largest request body accepted (a workflow definition with long SQL is a few KB).</summary>
    public const long MaxRequestBodySize = 4 * 1024 * 1024;

    public static IServiceCollection AddMaestroApi(this IServiceCollection services, MaestroSiloOptions options)
    {
        services.ConfigureHttpJsonOptions(json => CopyInto(json, ApiJson.Options));
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodySize);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // Framework answers (unknown route, wrong method, ...) get the same problem types as the API's own.
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Status = status;
            if (context.ProblemDetails.Type is null || !context.ProblemDetails.Type.StartsWith(ProblemKinds.Base, StringComparison.Ordinal))
            {
                context.ProblemDetails.Type = ProblemKinds.TypeOf(status);
                context.ProblemDetails.Title = ProblemKinds.TitleOf(status);
            }

            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (status == StatusCodes.Status404NotFound)
            {
                context.ProblemDetails.Detail ??= $"No endpoint answers {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}.";
            }

            if (status == StatusCodes.Status400BadRequest && !context.ProblemDetails.Extensions.ContainsKey("errors"))
            {
                context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { ["$"] = [context.ProblemDetails.Detail ?? "The request is invalid."] };
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(ApiOpenApi.DocumentName, ApiOpenApi.Configure);

        var enabled = options.Http.Auth.IsEnabled(options);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Read, policy => Read(policy, enabled))
            .AddPolicy(ApiPolicies.Write, policy => Write(policy, enabled));
        return services;
    }

    public static WebApplication MapMaestroApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi(ApiRoutes.OpenApiDocument.Replace(ApiOpenApi.DocumentName, "{documentName}", StringComparison.Ordinal)).AllowAnonymous();
        WorkflowEndpoints.Map(app);
        RunEndpoints.Map(app);
        RunEventEndpoints.Map(app);
        TableEndpoints.Map(app);
        SignalEndpoints.Map(app);
        return app;
    }

    private static void Read(AuthorizationPolicyBuilder policy, bool enabled)
    {
        if (enabled)
        {
            policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser();
        }
        else
        {
            policy.RequireAssertion(_ => true);
        }
    }

    private static void Write(AuthorizationPolicyBuilder policy, bool enabled)
    {
        if (enabled)
        {
            policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiPolicies.AccessClaim, nameof(ApiKeyAccess.ReadWrite));
        }
        else
        {
            policy.RequireAssertion(_ => true);
        }
    }

    // JsonOptions.SerializerOptions cannot be replaced, so the API's settings are copied onto it.
    private static void CopyInto(JsonOptions json, System.Text.Json.JsonSerializerOptions source)
    {
        var target = json.SerializerOptions;
        target.PropertyNamingPolicy = source.PropertyNamingPolicy;
        target.DictionaryKeyPolicy = source.DictionaryKeyPolicy;
        target.PropertyNameCaseInsensitive = source.PropertyNameCaseInsensitive;
        target.NumberHandling = source.NumberHandling;
        target.DefaultIgnoreCondition = source.DefaultIgnoreCondition;
        target.AllowOutOfOrderMetadataProperties = source.AllowOutOfOrderMetadataProperties;
        target.UnmappedMemberHandling = source.UnmappedMemberHandling;
        target.AllowDuplicateProperties = source.AllowDuplicateProperties;
        target.RespectNullableAnnotations = source.RespectNullableAnnotations;
        target.Encoder = source.Encoder;
        target.TypeInfoResolver = source.TypeInfoResolver;
        target.Converters.Clear();
        foreach (var converter in source.Converters)
        {
            target.Converters.Add(converter);
        }
    }
}
