using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>Everything one kustomization renders to, each object read by the strict deserializer into its API type.</summary>
internal sealed class Manifest
{
    /// <summary>The kinds the manifests may hold and their typed models; strict reading rejects unknown or mistyped fields.</summary>
    private static readonly Dictionary<string, Type> Types = new()
    {
        ["v1/ServiceAccount"] = typeof(V1ServiceAccount),
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["v1/Secret"] = typeof(V1Secret),
        ["v1/Service"] = typeof(V1Service),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["batch/v1/Job"] = typeof(V1Job),
        ["rbac.authorization.k8s.io/v1/Role"] = typeof(V1Role),
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = typeof(V1RoleBinding),
        ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["autoscaling/v2/HorizontalPodAutoscaler"] = typeof(V2HorizontalPodAutoscaler),
    };

    /// <summary>Kinds without a typed model in KubernetesClient; <see cref="ServiceMonitorChecks"/> checks them field by field.</summary>
    public const string ServiceMonitorKey = "monitoring.coreos.com/v1/ServiceMonitor";

    private Manifest(string directory, IReadOnlyList<ManifestObject> objects)
    {
        Directory = directory;
        Objects = objects;
    }

    /// <summary>The kustomization folder, relative to the repository root (e.g. k8s/overlays/prod).</summary>
    public string Directory { get; }

    public IReadOnlyList<ManifestObject> Objects { get; }

    public static async Task<Manifest> RenderAsync(string directory, CancellationToken cancellationToken)
    {
        var yaml = await Kubectl.KustomizeAsync(Path.Combine(RepoPaths.Root, directory), cancellationToken);
        return Parse(directory, yaml);
    }

    public static Manifest Parse(string directory, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var objects = new List<ManifestObject>();
        foreach (var document in stream.Documents)
        {
            var root = (YamlMappingNode)document.RootNode;
            var apiVersion = Scalar(root, "apiVersion") ?? throw new InvalidDataException($"{directory}: an object without apiVersion");
            var kind = Scalar(root, "kind") ?? throw new InvalidDataException($"{directory}: an object without kind");
            var metadata = root.Children.TryGetValue("metadata", out var m) ? (YamlMappingNode)m : new YamlMappingNode();
            var name = Scalar(metadata, "name") ?? throw new InvalidDataException($"{directory}: a {kind} without a name");
            var key = $"{apiVersion}/{kind}";
            object? typed = null;
            if (Types.TryGetValue(key, out var type))
            {
                typed = Deserialize(type, Serialize(document), $"{directory}: {kind} {name}");
            }
            else if (key != ServiceMonitorKey)
            {
                throw new InvalidDataException($"{directory}: {key} {name} is a kind these tests do not know; add its typed model.");
            }

            objects.Add(new ManifestObject(apiVersion, kind, name, Scalar(metadata, "namespace"), typed, root));
        }

        return new Manifest(directory, objects);
    }

    public IEnumerable<T> OfType<T>() => Objects.Select(o => o.Typed).OfType<T>();

    public T Single<T>() => Assert.Single(OfType<T>());

    public V1Deployment Deployment => Single<V1Deployment>();

    public V1ConfigMap? ConfigMap(string name) => OfType<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == name);

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static object Deserialize(Type type, string yaml, string what)
    {
        var method = typeof(KubernetesYaml).GetMethods()
            .Single(m => m.Name == nameof(KubernetesYaml.Deserialize) && m.IsGenericMethod
                && m.GetParameters() is [{ ParameterType: var p }, { ParameterType: var s }] && p == typeof(string) && s == typeof(bool))
            .MakeGenericMethod(type);
        try
        {
            return method.Invoke(null, [yaml, true]) ?? throw new InvalidDataException($"{what}: deserialized to null");
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new InvalidDataException($"{what} does not match the {type.Name} schema: {inner.Message}", inner);
        }
    }

    private static string Serialize(YamlDocument document)
    {
        var writer = new StringWriter();
        new YamlStream(document).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
