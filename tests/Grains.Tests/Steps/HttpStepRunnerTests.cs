using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Grains.Steps;

namespace OrleansMaestro.Grains.Tests.Steps;

public class HttpStepRunnerTests
{
    private static (int, string) Answer(TestHttpServer.RecordedRequest request) => request.Path switch
    {
        "/health" => (200, "status: healthy"),
        "/echo" => (201, $"{request.Method} {request.Headers.GetValueOrDefault("X-Run")} {request.Headers.GetValueOrDefault("Content-Type")} {request.Body}"),
        "/missing" => (404, "no such thing"),
        "/long" => (200, new string('a', 10_000) + "THE-END"),
        _ => (500, "boom: database unavailable"),
    };

    private static async Task<IReadOnlyDictionary<string, string>> RunAsync(HttpStep step)
    {
        await using var services = RunnerHost.Build();
        return await services.Runner("http").RunAsync(Work.For(step), CancellationToken.None);
    }

    [Fact]
    public async Task A_2xx_answer_containing_the_expected_text_succeeds()
    {
        await using var server = TestHttpServer.Start(Answer);

        var outputs = await RunAsync(new HttpStep { Id = "ping", Url = server.BaseUrl + "health", ExpectBodyContains = "healthy" });

        Assert.Equal("200", outputs["status"]);
        Assert.Equal("status: healthy", outputs["body-tail"]);
        Assert.Equal("GET", Assert.Single(server.Requests).Method);
    }

    [Fact]
    public async Task Method_headers_and_body_are_sent()
    {
        await using var server = TestHttpServer.Start(Answer);

        var outputs = await RunAsync(new HttpStep
        {
            Id = "post",
            Url = server.BaseUrl + "echo",
            Method = "post",
            Headers = new Dictionary<string, string> { ["X-Run"] = "wf-7", ["Content-Type"] = "application/json" },
            Body = "{\"a\":1}",
        });

        Assert.Equal("201", outputs["status"]);
        Assert.Equal("POST wf-7 application/json {\"a\":1}", outputs["body-tail"]);
    }

    [Fact]
    public async Task An_unexpected_status_fails_naming_the_url_and_the_status()
    {
        await using var server = TestHttpServer.Start(Answer);
        var url = server.BaseUrl + "explode";

        var e = await Assert.ThrowsAsync<StepFailedException>(() => RunAsync(new HttpStep { Id = "call", Url = url }));

        Assert.Contains(url, e.Message, StringComparison.Ordinal);
        Assert.Contains("500", e.Message, StringComparison.Ordinal);
        Assert.Contains("database unavailable", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listed_statuses_replace_the_2xx_default()
    {
        await using var server = TestHttpServer.Start(Answer);

        var outputs = await RunAsync(new HttpStep { Id = "gone", Url = server.BaseUrl + "missing", ExpectStatus = [404, 410] });
        Assert.Equal("404", outputs["status"]);

        var e = await Assert.ThrowsAsync<StepFailedException>(() => RunAsync(new HttpStep { Id = "strict", Url = server.BaseUrl + "health", ExpectStatus = [204] }));
        Assert.Contains("status 200", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_the_expected_text_fails()
    {
        await using var server = TestHttpServer.Start(Answer);

        var e = await Assert.ThrowsAsync<StepFailedException>(() => RunAsync(new HttpStep { Id = "check", Url = server.BaseUrl + "health", ExpectBodyContains = "ready" }));

        Assert.Contains("does not contain 'ready'", e.Message, StringComparison.Ordinal);
        Assert.Contains(server.BaseUrl + "health", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_body_tail_keeps_the_end_of_a_long_body()
    {
        await using var server = TestHttpServer.Start(Answer);

        var outputs = await RunAsync(new HttpStep { Id = "long", Url = server.BaseUrl + "long", ExpectBodyContains = "THE-END" });

        Assert.Equal(4096, outputs["body-tail"].Length);
        Assert.EndsWith("aaaTHE-END", outputs["body-tail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_fails_naming_the_url()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}/nothing-listens";

        var e = await Assert.ThrowsAsync<StepFailedException>(() => RunAsync(new HttpStep { Id = "down", Url = url }));

        Assert.Contains(url, e.Message, StringComparison.Ordinal);
    }
}
