using YamlDotNet.RepresentationModel;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>One rendered object: its apiVersion/kind, its typed model (null for kinds without one) and its YAML.</summary>
internal sealed record ManifestObject(string ApiVersion, string Kind, string Name, string? Namespace, object? Typed, YamlMappingNode Yaml);
