using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using OrleansMaestro.Client;
using OrleansMaestro.Client.Configuration;
using OrleansMaestro.Client.Http;
using OrleansMaestro.Client.OrleansTransport;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IMaestroClient"/> in a .NET service (generic host).</summary>
public static class MaestroClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the HTTP transport uses (for adding handlers to it).</summary>
    public const string HttpClientName = "OrleansMaestro";

    /// <summary>
    /// Registers <see cref="IMaestroClient"/> configured in code. The transport is chosen here (the options are built
    /// once now to see it); the settings are validated when the host starts. The Orleans transport adds an Orleans
    /// client to the host (as <c>UseOrleansClient</c> does), which connects when the host starts.
    /// </summary>
    public static IServiceCollection AddMaestroClient(this IServiceCollection services, Action<MaestroClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new MaestroClientOptions();
        configure(options);
        services.AddOptions<MaestroClientOptions>().Configure(configure).ValidateOnStart();
        return Register(services, options, section: string.Empty);
    }

    /// <summary>
    /// Registers <see cref="IMaestroClient"/> configured by <paramref name="section"/> (e.g.
    /// <c>builder.Configuration.GetSection("Maestro:Client")</c>, see <see cref="MaestroClientOptions"/>). Settings are
    /// validated when the host starts, with messages naming e.g. <c>Maestro:Client:Http:BaseAddress</c>.
    /// </summary>
    public static IServiceCollection AddMaestroClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var options = section.Get<MaestroClientOptions>() ?? new MaestroClientOptions();
        services.AddOptions<MaestroClientOptions>().Bind(section).ValidateOnStart();
        return Register(services, options, (section as IConfigurationSection)?.Path ?? string.Empty);
    }

    private static IServiceCollection Register(IServiceCollection services, MaestroClientOptions options, string section)
    {
        services.AddSingleton<IValidateOptions<MaestroClientOptions>>(new MaestroClientOptionsValidator(section));
        if (options.Transport == MaestroTransport.Orleans)
        {
            services.AddOrleansClient(client => ConfigureOrleans(client, options.Orleans.AdoNet.IsConfigured));
            services.AddSingleton<IMaestroClient>(sp => new OrleansMaestroClient(sp.GetRequiredService<IClusterClient>()));
        }
        else
        {
            services.AddHttpClient(HttpClientName, (sp, http) =>
            {
                var settings = sp.GetRequiredService<IOptions<MaestroClientOptions>>().Value.Http;
                // Validated at start; a client asked for before that (no host) still gets a clear message.
                var address = settings.BaseAddress ?? throw new OptionsValidationException(nameof(MaestroClientOptions),
                    typeof(MaestroClientOptions), ["Http:BaseAddress is required for the Http transport."]);
                HttpMaestroClient.Configure(http, address, settings.ApiKey, settings.Timeout);
            });
            services.AddTransient<IMaestroClient>(sp => new HttpMaestroClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        }

        return services;
    }

    private static void ConfigureOrleans(IClientBuilder client, bool adoNet)
    {
        client.Services.TryAddSingleton(TimeProvider.System);
        client.UseConnectionRetryFilter<ConnectRetryFilter>();
        client.Services.AddOptions<ClusterOptions>().Configure<IOptions<MaestroClientOptions>>((cluster, maestro) =>
        {
            cluster.ClusterId = maestro.Value.Orleans.ClusterId;
            cluster.ServiceId = maestro.Value.Orleans.ServiceId;
        });
        if (adoNet)
        {
            client.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringClientOptions> builder) =>
                builder.Configure<IOptions<MaestroClientOptions>>((ado, maestro) =>
                {
                    ado.Invariant = maestro.Value.Orleans.AdoNet.Invariant;
                    ado.ConnectionString = maestro.Value.Orleans.AdoNet.ConnectionString;
                }));
        }
        else
        {
            client.UseStaticClustering((OptionsBuilder<StaticGatewayListProviderOptions> builder) =>
                builder.Configure<IOptions<MaestroClientOptions>>((gateways, maestro) =>
                    gateways.Gateways = [.. maestro.Value.Orleans.Gateways.Select(g => ToGatewayUri(Resolve(g)))]));
        }
    }

    /// <summary>A gateway as <c>host:port</c>, resolved to an address (Orleans connects to IP endpoints).</summary>
    internal static IPEndPoint Resolve(string gateway)
    {
        if (!MaestroClientOptionsValidator.TryParseGateway(gateway, out var host, out var port))
        {
            throw new FormatException($"Gateway '{gateway}' is not host:port.");
        }

        var address = IPAddress.TryParse(host, out var ip)
            ? ip
            : Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
        return new IPEndPoint(address, port);
    }

    /// <summary>The URI form of a gateway that Orleans' static gateway list takes (<c>gwy.tcp://address:port/0</c>).</summary>
    private static Uri ToGatewayUri(IPEndPoint endpoint) => endpoint.ToGatewayUri();
}
