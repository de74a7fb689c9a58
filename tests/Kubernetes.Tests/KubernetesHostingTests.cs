using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using OrleansMaestro.Silo.Hosting;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>
/// <c>Maestro:Cluster:Kubernetes</c>: the silo's switch for Orleans' Kubernetes hosting. The options are resolved from the
/// cluster profile's real service registrations (no silo is started: that would need a Kubernetes API server).
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class KubernetesHostingTests
{
    // Documentation range (RFC 5737): only an option value here, nothing is sent to it.
    private const string PodIp = "192.0.2.17";

    [Fact]
    public void Kubernetes_hosting_advertises_the_pod_ip_and_names_the_silo_after_the_pod()
    {
        using var pod = new PodEnvironment(PodIp, "maestro-silo-abc12", "maestro");
        using var services = Build(Cluster(kubernetes: true));
        var endpoints = services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse(PodIp), endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);
        Assert.Equal("maestro-silo-abc12", services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);

        // Orleans' own validation of its Kubernetes options (namespace and pod name set, silo named after the pod).
        Assert.NotNull(services.GetRequiredService<IOptions<KubernetesHostingOptions>>().Value);
    }

    [Fact]
    public void Kubernetes_hosting_registers_the_pod_watching_agent_only_when_switched_on()
    {
        static bool HasAgent(MaestroSiloOptions options)
        {
            var silo = new TestSiloBuilder();
            ClusterSiloSetup.Configure(silo, options);
            return silo.Services.Any(d => d.ImplementationType == typeof(KubernetesClusterAgent) || d.ServiceType == typeof(KubernetesClusterAgent));
        }

        Assert.True(HasAgent(Cluster(kubernetes: true)));
        Assert.False(HasAgent(Cluster(kubernetes: false)));
    }

    [Fact]
    public void The_maestro_ids_win_over_the_orleans_environment_variables()
    {
        using var pod = new PodEnvironment(PodIp, "maestro-silo-abc12", "maestro", clusterId: "other-cluster", serviceId: "other-service");
        var options = Cluster(kubernetes: true);
        options.ClusterId = "prod";
        options.ServiceId = "lake";
        using var services = Build(options);
        var cluster = services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal(("prod", "lake"), (cluster.ClusterId, cluster.ServiceId));
    }

    [Fact]
    public void An_advertised_address_set_explicitly_wins_over_the_pod_ip()
    {
        using var pod = new PodEnvironment(PodIp, "maestro-silo-abc12", "maestro");
        var options = Cluster(kubernetes: true);
        options.Cluster.AdvertisedAddress = "192.0.2.99";
        using var services = Build(options);
        Assert.Equal(IPAddress.Parse("192.0.2.99"), services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress);
    }

    [Fact]
    public void Without_the_switch_the_pod_environment_is_ignored()
    {
        using var pod = new PodEnvironment(PodIp, "maestro-silo-abc12", "maestro");
        using var services = Build(Cluster(kubernetes: false));
        Assert.Equal(IPAddress.Loopback, services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress);
        Assert.NotEqual("maestro-silo-abc12", services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
    }

    [Fact]
    public void The_switch_binds_from_the_environment_form_and_is_refused_in_the_embedded_profile()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Maestro:Cluster:Kubernetes"] = "true",
        }).Build();
        var error = Assert.Throws<SiloConfigurationException>(() => SiloConfiguration.Load(configuration));
        Assert.Contains(error.Errors, e => e.Contains("Maestro:Cluster:Kubernetes", StringComparison.Ordinal) && e.Contains("Maestro:Profile Cluster", StringComparison.Ordinal));

        var cluster = Cluster(kubernetes: true);
        cluster.Http.Auth.Enabled = false;
        Assert.True(new MaestroSiloOptionsValidator().Validate(null, cluster).Succeeded);
        Assert.True(configuration.GetSection(MaestroSiloOptions.Section).Get<MaestroSiloOptions>()!.Cluster.Kubernetes);
    }

    [Theory]
    [InlineData("maestro", true)]
    [InlineData("prod-eu.1", true)]
    [InlineData("prod/eu", false)]
    [InlineData("-prod", false)]
    public void Under_kubernetes_hosting_the_cluster_ids_must_be_label_values(string id, bool valid)
    {
        var options = Cluster(kubernetes: true);
        options.Http.Auth.Enabled = false;
        options.ClusterId = id;
        var result = new MaestroSiloOptionsValidator().Validate(null, options);
        Assert.Equal(valid, result.Succeeded);
        Assert.True(valid || (result.Failures ?? []).Any(f => f.Contains("Maestro:ClusterId", StringComparison.Ordinal)));

        // Without Kubernetes hosting the ids are only database keys.
        options.Cluster.Kubernetes = false;
        Assert.True(new MaestroSiloOptionsValidator().Validate(null, options).Succeeded);
    }

    private static MaestroSiloOptions Cluster(bool kubernetes) => new()
    {
        Profile = SiloProfile.Cluster,
        Warehouse = "s3://lake/maestro",
        Cluster = new ClusterSettings { ConnectionString = "Host=db;Database=maestro;Username=maestro", Kubernetes = kubernetes },
    };

    private static ServiceProvider Build(MaestroSiloOptions options)
    {
        var silo = new TestSiloBuilder();
        ClusterSiloSetup.Configure(silo, options);
        return silo.Services.BuildServiceProvider();
    }

    private sealed class TestSiloBuilder : ISiloBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection().AddLogging();

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }

    /// <summary>Sets the variables the downward API gives a pod, and restores them.</summary>
    private sealed class PodEnvironment : IDisposable
    {
        private static readonly string[] Names = ["POD_IP", "POD_NAME", "POD_NAMESPACE", "ORLEANS_CLUSTER_ID", "ORLEANS_SERVICE_ID"];
        private readonly Dictionary<string, string?> _saved = Names.ToDictionary(n => n, Environment.GetEnvironmentVariable);

        public PodEnvironment(string ip, string name, string @namespace, string? clusterId = null, string? serviceId = null)
        {
            Environment.SetEnvironmentVariable("POD_IP", ip);
            Environment.SetEnvironmentVariable("POD_NAME", name);
            Environment.SetEnvironmentVariable("POD_NAMESPACE", @namespace);
            Environment.SetEnvironmentVariable("ORLEANS_CLUSTER_ID", clusterId);
            Environment.SetEnvironmentVariable("ORLEANS_SERVICE_ID", serviceId);
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
