using System.Net;
using System.Reflection;
using System.Text.Json;
using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>The OpenAPI document describes every route of <see cref="ApiRoutes"/> and the API key scheme.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class OpenApiTests(ApiSilo silo)
{
    [Fact]
    public async Task The_document_lists_every_route_with_a_name_summary_and_responses_and_the_api_key_scheme()
    {
        using var response = await silo.Http.GetAsync(new Uri(ApiRoutes.OpenApiDocument, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths");

        var routes = typeof(ApiRoutes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && ((string)f.GetRawConstantValue()!).StartsWith(ApiRoutes.Prefix + "/", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
        Assert.True(routes.Length >= 19, string.Join(", ", routes));
        foreach (var route in routes)
        {
            Assert.True(paths.TryGetProperty(route, out var path), $"the document lacks {route}");
            foreach (var operation in path.EnumerateObject().Where(o => o.Name is "get" or "post" or "delete" or "put"))
            {
                Assert.False(string.IsNullOrEmpty(operation.Value.GetProperty("operationId").GetString()), $"{operation.Name} {route} has no name");
                Assert.False(string.IsNullOrEmpty(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {route} has no summary");
                Assert.NotEmpty(operation.Value.GetProperty("responses").EnumerateObject());
            }
        }

        Assert.True(paths.GetProperty(ApiRoutes.Workflows).GetProperty("post").TryGetProperty("requestBody", out _), "POST /workflows documents its body");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal(ApiRoutes.ApiKeyHeader, scheme.GetProperty("name").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
    }
}
