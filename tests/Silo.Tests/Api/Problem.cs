using System.Net;
using System.Text.Json;

namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>Checks a problem details answer (RFC 7807) as docs/api.md describes it.</summary>
public static class Problem
{
    public const string Base = "https://orleans-maestro.dev/problems/";

    /// <summary>Asserts status, media type and problem type; returns the problem document.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string kind)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(Base + kind, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name <paramref name="field"/>; returns its messages.</summary>
    public static async Task<string[]> AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var problem = await AssertAsync(response, HttpStatusCode.BadRequest, "validation");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors do not name '{field}': {errors}");
        var texts = messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.NotEmpty(texts);
        return texts;
    }

    public static Task<JsonElement> AssertNotFoundAsync(HttpResponseMessage response) => AssertAsync(response, HttpStatusCode.NotFound, "not-found");

    public static Task<JsonElement> AssertConflictAsync(HttpResponseMessage response) => AssertAsync(response, HttpStatusCode.Conflict, "conflict");
}
