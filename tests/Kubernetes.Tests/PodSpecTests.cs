using k8s.Models;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>How the silo pods run: non-root, read-only root file system, bounded resources, and what each overlay promises.</summary>
[Collection(OverlaysCollection.Name)]
public sealed class PodSpecTests(Overlays overlays)
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_container_runs_as_non_root_on_a_read_only_root_with_tmp_writable(string overlay)
    {
        var pod = overlays[overlay].Deployment.Spec.Template.Spec;
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
        var tmp = Assert.Single(pod.Volumes, v => v.EmptyDir is not null && pod.Containers.All(c => c.VolumeMounts.Any(m => m.Name == v.Name && m.MountPath == "/tmp")));
        foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
        {
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem, container.Name);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation, container.Name);
            Assert.Contains("ALL", container.SecurityContext.Capabilities.Drop);
            Assert.Contains(container.VolumeMounts, m => m.Name == tmp.Name && m.MountPath == "/tmp");
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.True(container.Resources.Requests.ContainsKey(resource), $"{container.Name}: no {resource} request");
                Assert.True(container.Resources.Limits.ContainsKey(resource), $"{container.Name}: no {resource} limit");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_data_directory_is_on_a_writable_volume(string overlay)
    {
        var manifest = overlays[overlay];
        var silo = CrossReferenceTests.Silo(manifest);
        var data = SiloSettings.Environment(manifest, silo).GetValueOrDefault("Maestro__DataDirectory");
        Assert.NotNull(data);
        Assert.StartsWith("/", data);
        Assert.Contains(silo.VolumeMounts, m => data == m.MountPath || data.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_container_ports_are_the_silos_ports(string overlay)
    {
        var manifest = overlays[overlay];
        var silo = CrossReferenceTests.Silo(manifest);
        var environment = SiloSettings.Environment(manifest, silo);
        var defaults = new MaestroSiloOptions();
        int Port(string key, int fallback) => environment.GetValueOrDefault(key) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        var ports = silo.Ports.ToDictionary(p => p.Name, p => p.ContainerPort);
        Assert.Equal(Port("Maestro__Http__Port", defaults.Http.Port), ports["http"]);
        Assert.Equal(Port("Maestro__SiloPort", defaults.SiloPort), ports["silo"]);
        Assert.Equal(Port("Maestro__GatewayPort", defaults.GatewayPort), ports["gateway"]);
    }

    [Fact]
    public void Dev_is_one_embedded_silo_reachable_from_outside_its_pod_with_no_external_services()
    {
        var manifest = overlays[Overlays.Dev];
        var silo = CrossReferenceTests.Silo(manifest);
        var environment = SiloSettings.Environment(manifest, silo);
        Assert.Equal(1, manifest.Deployment.Spec.Replicas);
        Assert.Equal("Recreate", manifest.Deployment.Spec.Strategy.Type);
        Assert.Empty(manifest.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal("Embedded", environment["Maestro__Profile"]);
        Assert.Equal("false", environment["Maestro__Cluster__Kubernetes"]);
        // The embedded profile listens on loopback by default; the probes and the Service come from outside the pod.
        Assert.Equal("0.0.0.0", environment["Maestro__Http__Address"]);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Maestro__Cluster__Conn", StringComparison.Ordinal) || k.StartsWith("Maestro__S3__", StringComparison.Ordinal));
        Assert.Null(manifest.Deployment.Spec.Template.Spec.InitContainers);
        Assert.All(silo.Env, e => Assert.Null(e.ValueFrom?.SecretKeyRef));
    }

    [Theory]
    [InlineData(Overlays.Prod)]
    [InlineData(Overlays.ProdServiceMonitor)]
    public void Prod_is_three_cluster_silos_with_database_storage_and_keys_from_a_secret(string overlay)
    {
        var manifest = overlays[overlay];
        var deployment = manifest.Deployment;
        var silo = CrossReferenceTests.Silo(manifest);
        var environment = SiloSettings.Environment(manifest, silo);
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal(3, manifest.Single<V2HorizontalPodAutoscaler>().Spec.MinReplicas);
        Assert.Equal("Cluster", environment["Maestro__Profile"]);
        Assert.Equal("true", environment["Maestro__Cluster__Kubernetes"]);
        Assert.StartsWith("s3://", environment["Maestro__Warehouse"]);

        var secrets = silo.Env.Where(e => e.ValueFrom?.SecretKeyRef is not null).Select(e => e.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "Maestro__Cluster__ConnectionString", "Maestro__S3__AccessKey", "Maestro__S3__SecretKey", "Maestro__Http__Auth__ApiKeys__0__Key" },
            secrets);

        // Every API key has a name, an access level and its key from the Secret; none is written in the ConfigMap.
        var indexes = environment.Keys.Where(k => k.StartsWith("Maestro__Http__Auth__ApiKeys__", StringComparison.Ordinal)).Select(k => k.Split("__")[4]).Distinct().ToList();
        Assert.NotEmpty(indexes);
        foreach (var i in indexes)
        {
            Assert.Contains($"Maestro__Http__Auth__ApiKeys__{i}__Key", secrets);
            Assert.False(string.IsNullOrEmpty(environment[$"Maestro__Http__Auth__ApiKeys__{i}__Name"]));
            Assert.Contains(environment[$"Maestro__Http__Auth__ApiKeys__{i}__Access"], new[] { "ReadWrite", "ReadOnly" });
        }

        // The schema migration runs before the silo, from the same image, against the same database.
        var migrate = Assert.Single(deployment.Spec.Template.Spec.InitContainers);
        Assert.Equal(["migrate"], migrate.Args);
        Assert.Equal(silo.Image, migrate.Image);
        var connection = Assert.Single(migrate.Env, e => e.Name == "Maestro__Cluster__ConnectionString").ValueFrom.SecretKeyRef;
        var siloConnection = silo.Env.Single(e => e.Name == "Maestro__Cluster__ConnectionString").ValueFrom.SecretKeyRef;
        Assert.Equal((siloConnection.Name, siloConnection.Key), (connection.Name, connection.Key));

        // A rollout never drops below the current capacity.
        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
    }
}
