using System.Net;
using OrleansMaestro.Abstractions.Api;
using static OrleansMaestro.Silo.Tests.Api.ApiSilo;

namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>API keys: 401 without a valid key, 403 for a read-only key on anything that changes state.</summary>
public sealed class AuthApiTests(AuthSilo silo) : IClassFixture<AuthSilo>
{
    /// <summary>Every mutating route, with a path that would otherwise reach its endpoint.</summary>
    public static TheoryData<string, string> Mutating => new()
    {
        { "POST", ApiRoutes.Workflows },
        { "POST", ApiRoutes.ValidateWorkflow },
        { "DELETE", "/api/v1/workflows/auth-wf" },
        { "POST", "/api/v1/workflows/auth-wf/versions/1/activate" },
        { "POST", "/api/v1/workflows/auth-wf/runs" },
        { "POST", "/api/v1/workflows/auth-wf/backfills" },
        { "POST", "/api/v1/workflows/auth-wf/runs/1/stop" },
        { "POST", "/api/v1/workflows/auth-wf/runs/1/restart" },
        { "POST", "/api/v1/tables/api.t/refresh" },
        { "POST", "/api/v1/signals/auth.signal" },
    };

    /// <summary>Every read route.</summary>
    public static TheoryData<string> Reads => new()
    {
        ApiRoutes.Workflows, "/api/v1/workflows/auth-wf", "/api/v1/workflows/auth-wf/versions", "/api/v1/workflows/auth-wf/versions/1",
        "/api/v1/workflows/auth-wf/runs", "/api/v1/runs", "/api/v1/workflows/auth-wf/runs/1", "/api/v1/workflows/auth-wf/runs/1/events",
        ApiRoutes.Tables, "/api/v1/tables/api.t", "/api/v1/tables/api.t/lineage", ApiRoutes.Lineage,
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_read_needs_a_key_and_any_valid_key_may_read(string path)
    {
        using var none = await silo.Http.SendAsync(Request(HttpMethod.Get, path));
        await Problem.AssertAsync(none, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.NotEmpty(none.Headers.WwwAuthenticate);

        using var wrong = await silo.Http.SendAsync(Request(HttpMethod.Get, path, "not-a-key-0123456789"));
        await Problem.AssertAsync(wrong, HttpStatusCode.Unauthorized, "unauthorized");

        // Past authorization: 200, or the endpoint's own answer for a missing thing.
        using var reader = await silo.Http.SendAsync(Request(HttpMethod.Get, path, AuthSilo.ReaderKey));
        Assert.True(reader.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)reader.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(Mutating))]
    public async Task A_read_only_key_is_forbidden_every_change_and_a_missing_key_is_unauthorized(string method, string path)
    {
        using var readOnly = await silo.Http.SendAsync(Request(new HttpMethod(method), path, AuthSilo.ReaderKey, Json("{}")));
        var problem = await Problem.AssertAsync(readOnly, HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("read-only", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var none = await silo.Http.SendAsync(Request(new HttpMethod(method), path, content: Json("{}")));
        await Problem.AssertAsync(none, HttpStatusCode.Unauthorized, "unauthorized");

        // The read-write key gets past authorization (whatever the endpoint makes of the body).
        using var writer = await silo.Http.SendAsync(Request(new HttpMethod(method), path, AuthSilo.WriterKey, Json("{}")));
        Assert.True(writer.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{method} {path}: {(int)writer.StatusCode}");
    }

    [Fact]
    public async Task A_read_write_key_works_as_header_or_bearer_token()
    {
        using var put = await silo.Http.SendAsync(Request(HttpMethod.Post, ApiRoutes.Workflows, AuthSilo.WriterKey, Json(Definitions.Sleepy("auth-bearer", "100ms"))));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        using var bearer = Request(HttpMethod.Post, "/api/v1/workflows/auth-bearer/runs");
        bearer.Headers.Authorization = Bearer(AuthSilo.WriterKey);
        using var started = await silo.Http.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        using var readerBearer = Request(HttpMethod.Get, "/api/v1/workflows/auth-bearer");
        readerBearer.Headers.Authorization = Bearer(AuthSilo.ReaderKey);
        using var read = await silo.Http.SendAsync(readerBearer);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_need_no_key()
    {
        foreach (var path in new[] { "/health/live", "/health/ready", ApiRoutes.OpenApiDocument })
        {
            using var response = await silo.Http.SendAsync(Request(HttpMethod.Get, path));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_event_source_without_a_key_is_told_401_even_though_it_accepts_only_event_streams()
    {
        using var request = Request(HttpMethod.Get, "/api/v1/workflows/auth-wf/runs/1/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var none = await silo.Http.SendAsync(request);
        await Problem.AssertAsync(none, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.NotEmpty(none.Headers.WwwAuthenticate);

        using var readOnly = Request(HttpMethod.Post, "/api/v1/workflows/auth-wf/runs", AuthSilo.ReaderKey);
        readOnly.Headers.Accept.ParseAdd("text/html");
        using var forbidden = await silo.Http.SendAsync(readOnly);
        await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
    }
}
