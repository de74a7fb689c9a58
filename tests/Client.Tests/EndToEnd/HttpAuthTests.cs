using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Client.Tests.EndToEnd;

/// <summary>The HTTP transport's keys against a silo that checks them.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class HttpAuthTests(EmbeddedSilo silo)
{
    [Fact]
    public async Task No_key_or_a_wrong_key_is_unauthorized()
    {
        var none = await Assert.ThrowsAsync<MaestroUnauthorizedException>(() => silo.HttpWithKey(null).ListWorkflowsAsync());
        Assert.Equal(401, none.Status);
        await Assert.ThrowsAsync<MaestroUnauthorizedException>(() => silo.HttpWithKey("not-a-key-of-this-silo").ListTablesAsync());
    }

    [Fact]
    public async Task A_read_only_key_reads_but_cannot_change_anything()
    {
        var viewer = silo.HttpWithKey(EmbeddedSilo.ReadOnlyKey);
        await viewer.ListWorkflowsAsync();
        var forbidden = await Assert.ThrowsAsync<MaestroForbiddenException>(() =>
            viewer.ApplyWorkflowAsync(new WorkflowBuilder("viewer-write").OnManual().Noop("a").Build()));
        Assert.Equal(403, forbidden.Status);
        await Assert.ThrowsAsync<MaestroForbiddenException>(() => viewer.SignalAsync("viewer-signal"));
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => silo.Http.GetWorkflowAsync("viewer-write"));
    }

    [Fact]
    public async Task A_silo_that_is_not_there_is_unavailable()
    {
        var nowhere = MaestroClient.CreateHttp(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));
        var e = await Assert.ThrowsAsync<MaestroUnavailableException>(() => nowhere.ListWorkflowsAsync());
        Assert.Equal(503, e.Status);
    }
}
