using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Hosting;

/// <summary>
/// The cluster profile: membership, grain state and reminders in PostgreSQL through Orleans' ADO.NET providers (their
/// schema comes from <c>OrleansMaestro.Silo migrate</c>). Durable reminders are what wakes the workflows after a
/// restart or the loss of a silo: each workflow keeps a keep-alive reminder, so no start-up scan is needed.
/// </summary>
internal static class ClusterSiloSetup
{
    /// <summary>The ADO.NET invariant name Orleans maps to Npgsql's provider factory.</summary>
    public const string Invariant = "Npgsql";

    public static void Configure(ISiloBuilder silo, MaestroSiloOptions options)
    {
        var connectionString = options.Cluster.ConnectionString!;
        if (options.Cluster.Kubernetes)
        {
            // Registered before the ids below, so Maestro:ClusterId/ServiceId win over ORLEANS_CLUSTER_ID/ORLEANS_SERVICE_ID.
            KubernetesHosting.Configure(silo, options);
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });

        // Listens on every interface but tells the others the advertised address; loopback suits silos on one machine.
        // Under Kubernetes hosting with no address set, the ports alone: Orleans then advertises POD_IP.
        if (options.Cluster.AdvertisedAddress is not null || !options.Cluster.Kubernetes)
        {
            var advertised = options.Cluster.AdvertisedAddress is { } address ? IPAddress.Parse(address) : IPAddress.Loopback;
            silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Services.AddAdoNetGrainStorage(GrainStorage.Name, builder => builder.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            // The same binary format as the embedded profile's SQLite storage: every state type is [GenerateSerializer]
            // with stable [Id]s, so stored rows stay readable as the types evolve (the provider's default is JSON).
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
    }
}
