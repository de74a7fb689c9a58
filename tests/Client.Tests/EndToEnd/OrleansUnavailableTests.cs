using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansMaestro.Client.Configuration;

namespace OrleansMaestro.Client.Tests.EndToEnd;

/// <summary>The Orleans transport when its only silo dies: calls fail as unavailable (503), not as a 500.</summary>
public sealed class OrleansUnavailableTests
{
    [Fact]
    public async Task Calls_after_the_silo_died_are_unavailable()
    {
        using var data = new DataFolder();
        var gateway = FreePort.Next();
        await using var silo = SiloProcess.Start(data.Path, new Dictionary<string, string>
        {
            ["Maestro__DataDirectory"] = Path.Combine(data.Path, ".maestro"),
            ["Maestro__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
        });
        await silo.WaitForTextAsync("Silo started", TimeSpan.FromSeconds(90));

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMaestroClient(o =>
        {
            o.Transport = MaestroTransport.Orleans;
            o.Orleans.Gateways = [$"127.0.0.1:{gateway.ToString(CultureInfo.InvariantCulture)}"];
        });
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IMaestroClient>();
        await client.ListWorkflowsAsync();

        await silo.KillAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var e = await Assert.ThrowsAsync<MaestroUnavailableException>(() => client.ListTablesAsync(cancel.Token));
        Assert.Equal(503, e.Status);
        Assert.NotNull(e.InnerException);
        await host.StopAsync();
    }
}
