using k8s.Models;
using OrleansMaestro.Silo.Health;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>The references between the rendered objects: selectors, ports, probes, scale targets, RBAC.</summary>
[Collection(OverlaysCollection.Name)]
public sealed class CrossReferenceTests(Overlays overlays)
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_deployments_selector_matches_its_pod_labels(string overlay)
    {
        var deployment = overlays[overlay].Deployment;
        Assert.True(Matches(deployment.Spec.Selector.MatchLabels, PodLabels(deployment)), "the Deployment selects none of its own pods");
        Assert.Null(deployment.Spec.Selector.MatchExpressions);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_service_selects_the_silo_pods_and_targets_their_ports(string overlay)
    {
        var manifest = overlays[overlay];
        var service = manifest.Single<V1Service>();
        var pod = manifest.Deployment.Spec.Template.Spec;
        Assert.True(Matches(service.Spec.Selector, PodLabels(manifest.Deployment)), $"Service {service.Metadata.Name} selects no silo pod");
        foreach (var port in service.Spec.Ports)
        {
            var target = port.TargetPort ?? (IntOrString)(port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(FindPort(pod.Containers, target) is not null, $"Service port {port.Name} targets {target.Value}, which no container exposes");
        }

        // The API (5080) and the Orleans gateway (30000) are the two ways in.
        Assert.Equal(["gateway", "http"], service.Spec.Ports.Select(p => p.Name).Order());
        Assert.Equal(5080, FindPort(pod.Containers, (IntOrString)("http"))!.ContainerPort);
        Assert.Equal(30000, FindPort(pod.Containers, (IntOrString)("gateway"))!.ContainerPort);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_probes_call_the_silos_health_endpoints_on_a_container_port(string overlay)
    {
        var silo = Silo(overlays[overlay]);
        Assert.Equal(HealthEndpoints.LivePath, silo.LivenessProbe.HttpGet.Path);
        Assert.Equal(HealthEndpoints.ReadyPath, silo.ReadinessProbe.HttpGet.Path);
        foreach (var probe in new[] { silo.LivenessProbe, silo.ReadinessProbe, silo.StartupProbe }.OfType<V1Probe>())
        {
            Assert.Contains(probe.HttpGet.Path, new[] { HealthEndpoints.LivePath, HealthEndpoints.ReadyPath });
            Assert.True(FindPort([silo], probe.HttpGet.Port) is { } port && port.ContainerPort == HttpPort(overlays[overlay]),
                $"probe {probe.HttpGet.Path} is not on the HTTP port the silo listens on");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_disruption_budget_and_the_autoscaler_target_the_deployment(string overlay)
    {
        var manifest = overlays[overlay];
        var deployment = manifest.Deployment;
        var budget = manifest.Single<V1PodDisruptionBudget>();
        Assert.True(Matches(budget.Spec.Selector.MatchLabels, PodLabels(deployment)), "the PodDisruptionBudget selects no silo pod");
        foreach (var autoscaler in manifest.OfType<V2HorizontalPodAutoscaler>())
        {
            Assert.Equal("apps/v1", autoscaler.Spec.ScaleTargetRef.ApiVersion);
            Assert.Equal("Deployment", autoscaler.Spec.ScaleTargetRef.Kind);
            Assert.Equal(deployment.Metadata.Name, autoscaler.Spec.ScaleTargetRef.Name);
            Assert.InRange(autoscaler.Spec.MinReplicas ?? 1, 1, autoscaler.Spec.MaxReplicas);
            // A CPU target needs a CPU request to compute utilisation from.
            Assert.All(deployment.Spec.Template.Spec.Containers, c => Assert.True(c.Resources?.Requests?.ContainsKey("cpu") == true, c.Name));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_silos_service_account_is_bound_to_a_role_that_may_watch_and_patch_pods(string overlay)
    {
        var manifest = overlays[overlay];
        var account = manifest.Single<V1ServiceAccount>();
        Assert.Equal(account.Metadata.Name, manifest.Deployment.Spec.Template.Spec.ServiceAccountName);
        var binding = manifest.Single<V1RoleBinding>();
        Assert.Equal("Role", binding.RoleRef.Kind);
        Assert.Equal("rbac.authorization.k8s.io", binding.RoleRef.ApiGroup);
        var role = Assert.Single(manifest.OfType<V1Role>(), r => r.Metadata.Name == binding.RoleRef.Name);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal("ServiceAccount", subject.Kind);
        Assert.Equal(account.Metadata.Name, subject.Name);
        Assert.Equal(account.Metadata.NamespaceProperty, subject.NamespaceProperty);

        // What Orleans' Kubernetes hosting calls (KubernetesClusterAgent): read and label its pod, list and watch the
        // cluster's pods, delete a dead silo's pod.
        var podRule = Assert.Single(role.Rules, r => r.ApiGroups.Contains("") && r.Resources.Contains("pods"));
        Assert.Subset(podRule.Verbs.ToHashSet(), new HashSet<string> { "get", "list", "watch", "patch", "delete" });
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Prometheus_scrapes_metrics_on_the_http_port(string overlay)
    {
        var manifest = overlays[overlay];
        var annotations = manifest.Deployment.Spec.Template.Metadata.Annotations;
        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        Assert.Equal(HttpPort(manifest).ToString(System.Globalization.CultureInfo.InvariantCulture), annotations["prometheus.io/port"]);
        Assert.NotNull(FindPort(manifest.Deployment.Spec.Template.Spec.Containers, (IntOrString)(annotations["prometheus.io/port"])));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_configmap_and_secret_a_container_reads_exists_or_is_documented(string overlay)
    {
        var manifest = overlays[overlay];
        var documented = SecretDocs.For(overlay);
        var pod = manifest.Deployment.Spec.Template.Spec;
        foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
        {
            foreach (var source in container.EnvFrom ?? [])
            {
                Assert.Null(source.SecretRef);
                Assert.NotNull(manifest.ConfigMap(source.ConfigMapRef.Name));
            }

            foreach (var variable in container.Env ?? [])
            {
                if (variable.ValueFrom?.ConfigMapKeyRef is { } mapKey)
                {
                    Assert.True(manifest.ConfigMap(mapKey.Name)?.Data?.ContainsKey(mapKey.Key) == true, $"{variable.Name}: ConfigMap {mapKey.Name} has no key {mapKey.Key}");
                }

                if (variable.ValueFrom?.SecretKeyRef is { } secretKey)
                {
                    var keys = manifest.OfType<V1Secret>().Where(s => s.Metadata.Name == secretKey.Name)
                        .SelectMany(s => (s.Data?.Keys ?? []).Concat(s.StringData?.Keys ?? []))
                        .Concat(documented.TryGetValue(secretKey.Name, out var d) ? d.Keys : []);
                    Assert.True(keys.Contains(secretKey.Key), $"{overlay}: {variable.Name} reads key {secretKey.Key} of Secret {secretKey.Name}, which the overlay neither defines nor documents (secret.example.yaml)");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_volume_mount_names_a_volume(string overlay)
    {
        var pod = overlays[overlay].Deployment.Spec.Template.Spec;
        var volumes = pod.Volumes.Select(v => v.Name).ToHashSet();
        Assert.All(pod.Containers.Concat(pod.InitContainers ?? []).SelectMany(c => c.VolumeMounts ?? []), m => Assert.Contains(m.Name, volumes));
    }

    internal static V1Container Silo(Manifest manifest) => Assert.Single(manifest.Deployment.Spec.Template.Spec.Containers, c => c.Name == "silo");

    internal static int HttpPort(Manifest manifest)
    {
        var value = SiloSettings.Environment(manifest, Silo(manifest)).GetValueOrDefault("Maestro__Http__Port");
        return value is null ? new Silo.Options.HttpSettings().Port : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static IDictionary<string, string> PodLabels(V1Deployment deployment) => deployment.Spec.Template.Metadata.Labels;

    internal static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    internal static V1ContainerPort? FindPort(IEnumerable<V1Container> containers, IntOrString port) =>
        containers.SelectMany(c => c.Ports ?? []).FirstOrDefault(p =>
            int.TryParse(port.Value, out var number) ? p.ContainerPort == number : p.Name == port.Value);
}
