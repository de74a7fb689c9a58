using k8s.Models;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>What every kustomization renders to: known kinds, each matching its API schema, in one namespace.</summary>
[Collection(OverlaysCollection.Name)]
public sealed class ManifestSchemaTests(Overlays overlays)
{
    [Fact]
    public void The_base_and_the_dev_prod_and_servicemonitor_overlays_are_all_rendered()
    {
        Assert.Equal([Overlays.Base, Overlays.Dev, Overlays.Prod, Overlays.ProdServiceMonitor], Overlays.All);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_object_has_a_typed_model_or_is_a_servicemonitor(string overlay)
    {
        // Manifest.Parse already read each object strictly into its type (unknown or mistyped fields throw).
        var manifest = overlays[overlay];
        Assert.All(manifest.Objects, o => Assert.True(o.Typed is not null || $"{o.ApiVersion}/{o.Kind}" == Manifest.ServiceMonitorKey, $"{o.Kind} {o.Name}"));
        Assert.Equal(manifest.Objects.Count, manifest.Objects.Select(o => (o.Kind, o.Name)).Distinct().Count());
    }

    [Fact]
    public void The_strict_reader_rejects_unknown_fields_and_wrong_types()
    {
        // The checks above are only worth something if a typo in a manifest fails them.
        const string Unknown = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selectr:\n    a: b\n";
        const string WrongType = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: three\n";
        Assert.Throws<InvalidDataException>(() => Manifest.Parse("test", Unknown));
        Assert.ThrowsAny<Exception>(() => Manifest.Parse("test", WrongType));
        Assert.Throws<InvalidDataException>(() => Manifest.Parse("test", "apiVersion: v1\nkind: Gadget\nmetadata:\n  name: g\n"));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_object_of_an_overlay_is_in_the_overlays_namespace(string overlay)
    {
        var manifest = overlays[overlay];
        var namespaces = manifest.Objects.Select(o => o.Namespace).Distinct().ToList();
        var single = Assert.Single(namespaces);
        if (overlay != Overlays.Base)
        {
            // The base leaves it to `kubectl -n`; an overlay pins it, or a component's object could land elsewhere.
            Assert.False(string.IsNullOrEmpty(single), $"{overlay} sets no namespace");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_kustomization_has_the_silo_deployment_service_and_rbac(string overlay)
    {
        var manifest = overlays[overlay];
        Assert.Equal("maestro-silo", manifest.Deployment.Metadata.Name);
        Assert.Single(manifest.OfType<V1Service>());
        Assert.Single(manifest.OfType<V1ServiceAccount>());
        Assert.Single(manifest.OfType<V1Role>());
        Assert.Single(manifest.OfType<V1RoleBinding>());
        Assert.Single(manifest.OfType<V1PodDisruptionBudget>());
    }
}
