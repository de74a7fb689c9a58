using System.Globalization;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>The Maestro__ settings the manifests give the silo: real properties, sane values, a configuration that starts.</summary>
[Collection(OverlaysCollection.Name)]
public sealed class SettingsTests(Overlays overlays)
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_maestro_variable_and_configmap_key_sets_a_property_of_the_silos_options(string overlay)
    {
        var manifest = overlays[overlay];
        var problems = new List<string>();
        var pod = manifest.Deployment.Spec.Template.Spec;
        foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
        {
            foreach (var (name, value) in SiloSettings.Environment(manifest, container))
            {
                if (name.StartsWith("Maestro", StringComparison.OrdinalIgnoreCase))
                {
                    problems.AddRange(SiloSettings.Check(name, value) is { } problem ? [$"{container.Name}: {problem}"] : []);
                }
            }
        }

        // Keys of every ConfigMap with settings, even one no container reads yet.
        foreach (var map in manifest.OfType<V1ConfigMap>().Where(m => m.Data?.Keys.Any(k => k.StartsWith(SiloSettings.Prefix, StringComparison.Ordinal)) == true))
        {
            problems.AddRange(map.Data.Where(d => !d.Key.StartsWith(SiloSettings.Prefix, StringComparison.Ordinal)).Select(d => $"ConfigMap {map.Metadata.Name}: {d.Key} is not a Maestro__ setting"));
            problems.AddRange(map.Data.Select(d => SiloSettings.Check(d.Key, d.Value)).OfType<string>().Select(p => $"ConfigMap {map.Metadata.Name}: {p}"));
        }

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("Maestro__Http__Port", "5080", true)]
    [InlineData("Maestro__Cluster__Kubernetes", "true", true)]
    [InlineData("Maestro__Profile", "cluster", true)]
    [InlineData("Maestro__Orchestration__KeepAlivePeriod", "00:01:00", true)]
    [InlineData("Maestro__Http__Prot", "5080", false)]
    [InlineData("Maestro__Http__Port", "five", false)]
    [InlineData("Maestro__Profile", "Cloud", false)]
    [InlineData("Maestro__Http", "x", false)]
    [InlineData("Maestro__ShutdownTimeout", "a minute", false)]
    [InlineData("Maestro__Http__Auth__ApiKeys__0__Key", null, true)]
    [InlineData("Maestro__Http__Auth__ApiKeys__x__Key", null, false)]
    public void The_settings_check_knows_real_properties_from_typos(string variable, string? value, bool valid)
    {
        Assert.Equal(valid, SiloSettings.Check(variable, value) is null);
    }

    [Fact]
    public void The_settings_check_knows_every_section_the_silo_binds()
    {
        Assert.Superset(new HashSet<string> { "Maestro", "Maestro:Orchestration", "Maestro:Demo", "Maestro:Sql" }, SiloSettings.SectionNames.ToHashSet());
        Assert.Equal("Maestro", SiloSettings.SectionNames.Last());
    }

    [Fact]
    public void Every_announced_setting_is_still_missing_from_the_options()
    {
        // Once the branch that adds one is merged, its line in announced-settings.txt must go: the real check takes over.
        Assert.All(SiloSettings.AnnouncedSettings, a => Assert.False(SiloSettings.Exists(a), $"{a} exists now; remove it from announced-settings.txt"));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_termination_grace_period_outlasts_the_silos_shutdown_timeout(string overlay)
    {
        var manifest = overlays[overlay];
        var configured = SiloSettings.Environment(manifest, CrossReferenceTests.Silo(manifest)).GetValueOrDefault("Maestro__ShutdownTimeout");
        var timeout = configured is null ? new MaestroSiloOptions().ShutdownTimeout : TimeSpan.Parse(configured, CultureInfo.InvariantCulture);
        var grace = TimeSpan.FromSeconds(manifest.Deployment.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30);
        Assert.True(grace > timeout, $"terminationGracePeriodSeconds {grace} is not longer than Maestro:ShutdownTimeout {timeout}");
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_overlays_settings_pass_the_silos_own_validation(string overlay)
    {
        // The silo's validator over what the pod would get, with the secrets' documented keys as stand-in values.
        var manifest = overlays[overlay];
        var silo = CrossReferenceTests.Silo(manifest);
        var settings = new Dictionary<string, string?>();
        foreach (var (name, value) in SiloSettings.Environment(manifest, silo))
        {
            if (name.StartsWith(SiloSettings.Prefix, StringComparison.Ordinal))
            {
                settings[name.Replace("__", ":", StringComparison.Ordinal)] = value ?? StandIn(manifest, silo, name);
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var error = Record.Exception(() => SiloConfiguration.Load(configuration));
        Assert.True(error is null, $"{overlay}: {error?.Message} {(error as SiloConfigurationException)?.Errors.Aggregate("", (a, b) => a + "; " + b)}");
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Kubernetes_hosting_gets_the_pods_identity_from_the_downward_api(string overlay)
    {
        var manifest = overlays[overlay];
        var silo = CrossReferenceTests.Silo(manifest);
        var environment = SiloSettings.Environment(manifest, silo);
        var fields = silo.Env.Where(e => e.ValueFrom?.FieldRef is not null).ToDictionary(e => e.Name, e => e.ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.name", fields["POD_NAME"]);
        Assert.Equal("metadata.namespace", fields["POD_NAMESPACE"]);
        Assert.Equal("status.podIP", fields["POD_IP"]);

        // Orleans finds the cluster's pods by the orleans/* labels; they must name the cluster the silo joins.
        var labels = CrossReferenceTests.PodLabels(manifest.Deployment);
        var defaults = new MaestroSiloOptions();
        Assert.Equal(environment.GetValueOrDefault("Maestro__ClusterId") ?? defaults.ClusterId, labels["orleans/clusterId"]);
        Assert.Equal(environment.GetValueOrDefault("Maestro__ServiceId") ?? defaults.ServiceId, labels["orleans/serviceId"]);
        // Orleans patches them onto the pod as label values, which Kubernetes restricts.
        Assert.All(new[] { labels["orleans/clusterId"], labels["orleans/serviceId"] }, v => Assert.Matches("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", v));
        Assert.Equal("metadata.labels['orleans/clusterId']", fields["ORLEANS_CLUSTER_ID"]);
        Assert.Equal("metadata.labels['orleans/serviceId']", fields["ORLEANS_SERVICE_ID"]);
    }

    private static string StandIn(Manifest manifest, V1Container container, string name)
    {
        // The example Secret's value: e.g. a connection string that parses, an API key that is long enough.
        var secret = container.Env.Single(e => e.Name == name).ValueFrom?.SecretKeyRef;
        return secret is null ? "stand-in" : SecretDocs.For(manifest.Directory)[secret.Name][secret.Key];
    }
}
