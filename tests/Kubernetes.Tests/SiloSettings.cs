using System.Collections;
using System.ComponentModel;
using System.Reflection;
using k8s.Models;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Grains.Steps;
using OrleansMaestro.Silo.Hosting;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>
/// Maps a <c>Maestro__...</c> environment variable to the property of the silo's options it sets, as the configuration
/// binder would (case-insensitive names, list indexes), so a misspelt or removed setting in a manifest fails a test
/// instead of being silently ignored by the silo.
/// </summary>
internal static class SiloSettings
{
    public const string Prefix = "Maestro__";

    /// <summary>
    /// The sections the silo binds, each to its options class, most specific first (<c>Maestro</c> itself is the
    /// catch-all): every public type of the silo's and the grains' assemblies with a <c>Section</c> constant under
    /// <c>Maestro</c> (so a new settings class is picked up), plus the SQL steps' section, which the silo names.
    /// </summary>
    private static readonly (string Section, Type Type)[] Sections =
    [
        .. new[] { typeof(MaestroSiloOptions).Assembly, typeof(OrchestrationOptions).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Field is { IsLiteral: true } && t.Field.GetRawConstantValue() is string value && value.StartsWith(MaestroSiloOptions.Section, StringComparison.Ordinal))
            .Select(t => ((string)t.Field!.GetRawConstantValue()!, t.Type))
            .Append((MaestroSiloSetup.SqlSection, typeof(SqlStepOptions)))
            .OrderByDescending(s => s.Item1.Length),
    ];

    /// <summary>For a test: the sections found.</summary>
    public static IEnumerable<string> SectionNames => Sections.Select(s => s.Section);

    private static readonly Lazy<string[]> Announced = new(() => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "announced-settings.txt"))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToArray());

    /// <summary>Settings another branch adds, listed in announced-settings.txt until they are merged.</summary>
    public static IReadOnlyList<string> AnnouncedSettings => Announced.Value;

    /// <summary>Null when <paramref name="variable"/> names a settable property and <paramref name="value"/> (when known) converts to it; otherwise why not.</summary>
    public static string? Check(string variable, string? value)
    {
        if (!variable.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"{variable} does not start with {Prefix}";
        }

        var path = variable.Replace("__", ":", StringComparison.Ordinal);
        if (IsAnnounced(path))
        {
            return null;
        }

        var (section, type) = Sections.First(s => path.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase));
        return CheckPath(path, path[(section.Length + 1)..].Split(':'), type, value);
    }

    /// <summary>Whether an announced line names a property that exists already (the line should then be removed).</summary>
    public static bool Exists(string announcedPath)
    {
        var sample = announcedPath.Replace("*", "0", StringComparison.Ordinal);
        var (section, type) = Sections.First(s => sample.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase));
        return CheckPath(sample, sample[(section.Length + 1)..].Split(':'), type, value: null) is null;
    }

    private static bool IsAnnounced(string path) => AnnouncedSettings.Any(a =>
    {
        var pattern = a.Split(':');
        var segments = path.Split(':');
        return pattern.Length == segments.Length
            && pattern.Zip(segments).All(p => p.First == "*" ? int.TryParse(p.Second, out _) : string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
    });

    private static string? CheckPath(string path, string[] segments, Type type, string? value)
    {
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (ElementType(type) is { } element)
            {
                if (!int.TryParse(segment, out var index) || index < 0)
                {
                    return $"{path}: '{segment}' is not a list index";
                }

                type = element;
                continue;
            }

            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return $"{path}: {type.Name} has no property '{segment}'";
            }

            var last = i == segments.Length - 1;
            if (last && property.SetMethod is not { IsPublic: true })
            {
                return $"{path}: {type.Name}.{property.Name} is not settable";
            }

            type = property.PropertyType;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (!(target.IsPrimitive || target.IsEnum || target == typeof(string) || target == typeof(TimeSpan) || target == typeof(decimal)))
        {
            return $"{path}: {type.Name} is a section, not a value";
        }

        if (value is not null)
        {
            try
            {
                _ = TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException || e.InnerException is FormatException)
            {
                return $"{path}: '{value}' is not a {target.Name}";
            }
        }

        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments() is [var element] ? element : null;
    }

    /// <summary>
    /// The environment a container gets: its envFrom ConfigMaps' keys, then its env entries (a later one wins, as in
    /// Kubernetes). Values from secrets or the downward API are null.
    /// </summary>
    public static Dictionary<string, string?> Environment(Manifest manifest, V1Container container)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            var map = manifest.ConfigMap(source.ConfigMapRef.Name);
            Assert.True(map is not null, $"{manifest.Directory}: container {container.Name} reads ConfigMap {source.ConfigMapRef.Name}, which is not rendered");
            foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
            {
                environment[(source.Prefix ?? "") + key] = value;
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            environment[variable.Name] = variable.Value;
        }

        return environment;
    }
}
