using System.Text;
using System.Text.Json;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>The Grafana dashboards ConfigMap and the ServiceMonitor (which has no typed model, so it is checked field by field).</summary>
[Collection(OverlaysCollection.Name)]
public sealed class MonitoringTests(Overlays overlays)
{
    private const string DashboardsConfigMap = "maestro-grafana-dashboards";

    /// <summary>The fields of a monitoring.coreos.com/v1 ServiceMonitor these manifests may use (a subset of the CRD's schema).</summary>
    private static readonly Dictionary<string, string[]> ServiceMonitorFields = new()
    {
        [""] = ["apiVersion", "kind", "metadata", "spec"],
        ["metadata"] = ["name", "namespace", "labels", "annotations"],
        ["spec"] = ["selector", "endpoints", "namespaceSelector", "jobLabel", "targetLabels", "podTargetLabels", "sampleLimit"],
        ["spec.selector"] = ["matchLabels", "matchExpressions"],
        ["spec.namespaceSelector"] = ["any", "matchNames"],
        ["spec.endpoints[]"] = ["port", "targetPort", "path", "scheme", "interval", "scrapeTimeout", "honorLabels", "relabelings", "metricRelabelings", "params"],
    };

    public static TheoryData<string> WithDashboards => [Overlays.Dev, Overlays.Prod, Overlays.ProdServiceMonitor];

    [Theory]
    [MemberData(nameof(WithDashboards))]
    public void The_dashboards_configmap_holds_every_dashboard_file_for_grafanas_sidecar(string overlay)
    {
        var map = overlays[overlay].ConfigMap(DashboardsConfigMap);
        Assert.NotNull(map);
        Assert.Equal("1", map.Metadata.Labels["grafana_dashboard"]);
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "k8s", "dashboards"), "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files.Select(Path.GetFileName), map.Data.Keys.Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var content = map.Data[Path.GetFileName(file)];
            Assert.Equal(File.ReadAllText(file), content);
            using var _ = JsonDocument.Parse(content);
        }

        // A ConfigMap holds at most 1 MiB, but client-side `kubectl apply` also copies the whole object into its
        // last-applied annotation, and all annotations together may hold 256 KiB: stay below that with room to spare.
        Assert.InRange(map.Data.Values.Sum(v => Encoding.UTF8.GetByteCount(v)), 1, 200 * 1024);
    }

    [Fact]
    public void The_base_and_only_the_servicemonitor_overlay_hold_a_servicemonitor()
    {
        Assert.DoesNotContain(overlays[Overlays.Base].Objects, o => o.Kind == "ServiceMonitor");
        Assert.DoesNotContain(overlays[Overlays.Prod].Objects, o => o.Kind == "ServiceMonitor");
        Assert.Null(overlays[Overlays.Base].ConfigMap(DashboardsConfigMap));
        Assert.Single(overlays[Overlays.ProdServiceMonitor].Objects, o => o.Kind == "ServiceMonitor");
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void A_servicemonitor_selects_the_service_and_scrapes_metrics_on_a_named_port(string overlay)
    {
        var manifest = overlays[overlay];
        var service = manifest.Single<V1Service>();
        foreach (var monitor in manifest.Objects.Where(o => $"{o.ApiVersion}/{o.Kind}" == Manifest.ServiceMonitorKey))
        {
            CheckFields(monitor.Yaml, "");
            var spec = Map(monitor.Yaml, "spec");
            var matchLabels = Map(Map(spec, "selector"), "matchLabels").Children
                .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);
            Assert.True(CrossReferenceTests.Matches(matchLabels, service.Metadata.Labels), "the ServiceMonitor selects no Service");
            var endpoints = Assert.IsType<YamlSequenceNode>(spec.Children["endpoints"]);
            Assert.NotEmpty(endpoints.Children);
            foreach (var endpoint in endpoints.Children.Cast<YamlMappingNode>())
            {
                var port = Manifest.Scalar(endpoint, "port");
                Assert.Contains(port, service.Spec.Ports.Select(p => p.Name));
                Assert.Equal(5080, service.Spec.Ports.Single(p => p.Name == port).Port);
                Assert.Equal("/metrics", Manifest.Scalar(endpoint, "path"));
                foreach (var duration in new[] { "interval", "scrapeTimeout" })
                {
                    Assert.Matches("^[0-9]+(ms|s|m|h)$", Manifest.Scalar(endpoint, duration) ?? "30s");
                }
            }
        }
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node.Children[key]);

    private static void CheckFields(YamlMappingNode node, string path)
    {
        foreach (var (key, value) in node.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            Assert.True(ServiceMonitorFields[path].Contains(name), $"ServiceMonitor: unknown field {(path.Length == 0 ? name : path + "." + name)}");
            var child = path.Length == 0 ? name : $"{path}.{name}";
            if (value is YamlMappingNode map && ServiceMonitorFields.ContainsKey(child))
            {
                CheckFields(map, child);
            }
            else if (value is YamlSequenceNode list && ServiceMonitorFields.ContainsKey(child + "[]"))
            {
                Assert.All(list.Children, item => CheckFields(Assert.IsType<YamlMappingNode>(item), child + "[]"));
            }
        }
    }
}
