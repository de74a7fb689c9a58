using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansMaestro.Client.Configuration;
using OrleansMaestro.Client.Http;
using OrleansMaestro.Client.OrleansTransport;

namespace OrleansMaestro.Client.Tests.Unit;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Http", null, null, "Maestro:Client:Http:BaseAddress: is required")]
    [InlineData("Http", "Http:BaseAddress", "ftp://x", "Maestro:Client:Http:BaseAddress: must be an absolute http:// or https:// address")]
    [InlineData("Http", "Http:Timeout", "-00:00:01", "Maestro:Client:Http:Timeout: must be positive")]
    [InlineData("Orleans", null, null, "Maestro:Client:Orleans:Gateways: or Orleans:AdoNet:ConnectionString is required")]
    [InlineData("Orleans", "Orleans:Gateways:0", "no-port", "Maestro:Client:Orleans:Gateways:0: 'no-port' is not host:port")]
    [InlineData("Orleans", "Orleans:ClusterId", " ", "Maestro:Client:Orleans:ClusterId: is required")]
    public async Task A_wrong_setting_stops_the_host_naming_it(string transport, string? key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Maestro:Client:Transport"] = transport };
        if (transport == "Http" && key != "Http:BaseAddress" && (key is not null))
        {
            settings["Maestro:Client:Http:BaseAddress"] = "http://localhost:5080";
        }

        if (key is not null)
        {
            settings["Maestro:Client:" + key] = value;
        }

        using var host = Build(settings);
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(e.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gateways_and_ado_net_together_are_refused()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["Maestro:Client:Transport"] = "Orleans",
            ["Maestro:Client:Orleans:Gateways:0"] = "127.0.0.1:30000",
            ["Maestro:Client:Orleans:AdoNet:ConnectionString"] = "Host=127.0.0.1",
        });
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(e.Failures, f => f.Contains("both set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Good_http_settings_give_an_http_client_sending_the_key()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["Maestro:Client:Http:BaseAddress"] = "http://localhost:5080/maestro",
            ["Maestro:Client:Http:ApiKey"] = "0123456789abcdef",
            ["Maestro:Client:Http:Timeout"] = "00:00:07",
        });
        await host.StartAsync();
        Assert.IsType<HttpMaestroClient>(host.Services.GetRequiredService<IMaestroClient>());
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(MaestroClientServiceCollectionExtensions.HttpClientName);
        Assert.Equal(new Uri("http://localhost:5080/maestro/"), http.BaseAddress);
        Assert.Equal(TimeSpan.FromSeconds(7), http.Timeout);
        Assert.Equal(["0123456789abcdef"], http.DefaultRequestHeaders.GetValues("X-Api-Key"));
        await host.StopAsync();
    }

    [Fact]
    public void The_orleans_transport_registers_the_orleans_client()
    {
        var services = new ServiceCollection();
        services.AddMaestroClient(o =>
        {
            o.Transport = MaestroTransport.Orleans;
            o.Orleans.Gateways = ["127.0.0.1:30000"];
        });
        Assert.Contains(services, d => d.ServiceType == typeof(IClusterClient));
        using var provider = services.BuildServiceProvider();
        Assert.IsType<OrleansMaestroClient>(provider.GetRequiredService<IMaestroClient>());
    }

    [Fact]
    public void Code_configuration_is_validated_without_a_section_prefix()
    {
        var services = new ServiceCollection();
        services.AddMaestroClient(o => o.Transport = MaestroTransport.Http);
        using var provider = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MaestroClientOptions>>().Value);
        Assert.Contains(e.Failures, f => f.StartsWith("Http:BaseAddress: is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1:30000", true)]
    [InlineData("[::1]:30000", true)]
    [InlineData("silo-0.maestro:30000", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.0.0.1:0", false)]
    [InlineData(":30000", false)]
    [InlineData("a b:1", false)]
    public void Gateways_are_host_and_port(string gateway, bool valid) =>
        Assert.Equal(valid, MaestroClientOptionsValidator.TryParseGateway(gateway, out _, out _));

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMaestroClient(builder.Configuration.GetSection(MaestroClientOptions.Section));
        return builder.Build();
    }
}
