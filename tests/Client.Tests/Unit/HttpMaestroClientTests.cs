using System.Net;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Client.Tests.Unit;

public sealed class HttpMaestroClientTests
{
    private static readonly Uri Server = new("http://silo.test:5080/prefix");

    [Fact]
    public async Task Requests_carry_the_key_and_go_to_the_routes_under_the_base_address()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.Created, """{"workflowId":"w","version":3}"""));
        var client = MaestroClient.CreateHttp(Server, "0123456789abcdef", handler);
        var version = await client.ApplyWorkflowAsync(new WorkflowBuilder("w").OnManual().Noop("a").Build());

        Assert.Equal(3, version);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://silo.test:5080/prefix/api/v1/workflows", request.RequestUri!.AbsoluteUri);
        Assert.Equal(["0123456789abcdef"], request.Headers.GetValues(ApiRoutes.ApiKeyHeader));
        // The definition goes in its file format.
        Assert.Contains("\"steps\"", handler.Bodies[0], StringComparison.Ordinal);
        Assert.Contains("\"type\": \"noop\"", handler.Bodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_no_key_header_is_sent()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.OK, "[]"));
        var client = MaestroClient.CreateHttp(Server, handler: handler);
        Assert.Empty(await client.ListTablesAsync());
        Assert.False(handler.Requests[0].Headers.Contains(ApiRoutes.ApiKeyHeader));
    }

    [Fact]
    public async Task A_problem_answer_throws_its_exception_with_the_fields()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Problem(400, "Invalid input", """{"parameters.day":["required."]}"""));
        var client = MaestroClient.CreateHttp(Server, handler: handler);
        var e = await Assert.ThrowsAsync<MaestroValidationException>(() => client.StartRunAsync("w"));
        Assert.Equal(["required."], e.Errors["parameters.day"]);
    }

    [Fact]
    public async Task A_silo_that_cannot_be_reached_is_unavailable()
    {
        var handler = new FakeHandler((_, _) => throw new HttpRequestException("Connection refused (fake)"));
        var client = MaestroClient.CreateHttp(Server, handler: handler);
        var e = await Assert.ThrowsAsync<MaestroUnavailableException>(() => client.ListWorkflowsAsync());
        Assert.Contains("could not be reached", e.Message, StringComparison.Ordinal);
        Assert.Equal(503, e.Status);
    }

    [Fact]
    public async Task The_callers_token_cancels_and_is_not_reported_as_unavailable()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.OK, "[]"));
        var client = MaestroClient.CreateHttp(Server, handler: handler);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListWorkflowsAsync(cancelled.Token));
    }

    [Fact]
    public async Task Unexpected_json_is_a_clear_error()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.OK, "{\"not\":\"a list\"}"));
        var client = MaestroClient.CreateHttp(Server, handler: handler);
        var e = await Assert.ThrowsAsync<MaestroException>(() => client.ListWorkflowsAsync());
        Assert.Contains("not the expected JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_http_addresses_are_taken() =>
        Assert.Throws<ArgumentException>(() => MaestroClient.CreateHttp(new Uri("file:///tmp/x")));
}
