using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Silo.Api;

/// <summary>The OpenAPI document's extras: title and the API key security schemes.</summary>
internal static class ApiOpenApi
{
    public const string DocumentName = "v1";

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyMetadata>().FirstOrDefault() is { } body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = body.Required,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken) },
                    },
                };
            }
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "OrleansMaestro API",
                Version = "v1",
                Description = "Workflows, runs, tables, lineage and signals of an OrleansMaestro cluster (docs/api.md).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiRoutes.ApiKeyHeader,
                Description = "An API key of Maestro:Http:Auth:ApiKeys (needed when auth is enabled; read-only keys may only GET).",
            };
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The same API key as 'Authorization: Bearer <key>'.",
            };
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] },
            ];
            return Task.CompletedTask;
        });
    }
}
