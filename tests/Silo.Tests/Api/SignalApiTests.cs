using System.Net;
using OrleansMaestro.Abstractions.Api;
using static OrleansMaestro.Silo.Tests.Api.ApiSilo;

namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>External signals against a real silo.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class SignalApiTests(ApiSilo silo)
{
    private HttpClient Http => silo.Http;

    [Fact]
    public async Task A_signal_starts_a_run_of_each_subscribed_workflow()
    {
        using (var put = await Http.PostAsync(Url(ApiRoutes.Workflows), Json(Definitions.OnSignal("sig-listener", "api.orders-arrived"))))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        using var posted = await Http.PostAsync(Url("/api/v1/signals/api.orders-arrived"), Json("""{ "parameters": { "batch": "7" } }"""));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var accepted = await ReadAsync<SignalAccepted>(posted);
        Assert.Equal("api.orders-arrived", accepted.Signal);
        Assert.Equal("sig-listener", Assert.Single(accepted.Runs).WorkflowId);

        // Nobody listens: accepted, no runs.
        using var unheard = await Http.PostAsync(Url("/api/v1/signals/api.nobody"), null);
        Assert.Equal(HttpStatusCode.Accepted, unheard.StatusCode);
        Assert.Empty((await ReadAsync<SignalAccepted>(unheard)).Runs);
    }

    [Fact]
    public async Task A_bad_signal_name_or_body_is_a_400_naming_it()
    {
        using var name = await Http.PostAsync(Url("/api/v1/signals/-dash"), null);
        await Problem.AssertInvalidAsync(name, "signal");

        using var body = await Http.PostAsync(Url("/api/v1/signals/api.fine"), Json("""{ "parameters": ["a"] }"""));
        await Problem.AssertInvalidAsync(body, "parameters");

        // Cut short after the parameters: the body breaks at its root.
        using var broken = await Http.PostAsync(Url("/api/v1/signals/api.fine"), Json("""{ "parameters": { "a": "b" }"""));
        await Problem.AssertInvalidAsync(broken, "$");
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);
}
