using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OrleansMaestro.Silo.Api;
using OrleansMaestro.Silo.Health;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Hosting;

/// <summary>The silo's HTTP side: Kestrel on <c>Maestro:Http</c>, then the endpoints it serves.</summary>
internal static class SiloWebSetup
{
    public static void Configure(WebApplicationBuilder builder, MaestroSiloOptions options)
    {
        var address = options.Http.Address is { } configured
            ? IPAddress.Parse(configured)
            : options.Profile == SiloProfile.Cluster ? IPAddress.Any : IPAddress.Loopback;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, options.Http.Port));
        builder.Services.AddMaestroHealthChecks();
        builder.Services.AddMaestroApi(options);
    }

    public static void MapEndpoints(WebApplication app)
    {
        app.MapMaestroApi();
        app.MapMaestroHealthChecks();
    }
}
