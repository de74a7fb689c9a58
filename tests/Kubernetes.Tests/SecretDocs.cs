using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>
/// The Secrets an overlay reads but does not ship (real values stay out of git): each is described, with its keys, by
/// a <c>secret.example.yaml</c> in the overlay's folder or in an overlay it builds on.
/// </summary>
internal static class SecretDocs
{
    public const string FileName = "secret.example.yaml";

    /// <summary>Secret name to its documented keys and example values.</summary>
    public static Dictionary<string, Dictionary<string, string>> For(string overlay)
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var directory in WithBases(Path.Combine(RepoPaths.Root, overlay)))
        {
            var file = Path.Combine(directory, FileName);
            if (!File.Exists(file))
            {
                continue;
            }

            var secret = Assert.IsType<V1Secret>(Assert.Single(Manifest.Parse(overlay, File.ReadAllText(file)).Objects).Typed);
            Assert.Null(secret.Data);
            var keys = result.TryGetValue(secret.Metadata.Name, out var known) ? known : result[secret.Metadata.Name] = [];
            foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
            {
                keys[key] = value;
            }
        }

        return result;
    }

    /// <summary>The folder and, recursively, every folder its kustomization lists under <c>resources</c>.</summary>
    private static IEnumerable<string> WithBases(string directory)
    {
        yield return directory;
        var kustomization = Path.Combine(directory, "kustomization.yaml");
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(kustomization)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        if (!root.Children.TryGetValue("resources", out var resources))
        {
            yield break;
        }

        foreach (var entry in ((YamlSequenceNode)resources).Children.OfType<YamlScalarNode>())
        {
            var path = Path.GetFullPath(Path.Combine(directory, entry.Value!));
            if (Directory.Exists(path))
            {
                foreach (var nested in WithBases(path))
                {
                    yield return nested;
                }
            }
        }
    }
}
