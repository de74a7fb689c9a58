using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>
/// The Dockerfile, checked statically (no container engine here): its stages, and that its ports, user, entry point
/// and copied files agree with the manifests and the repository.
/// </summary>
[Collection(OverlaysCollection.Name)]
public sealed partial class DockerfileTests(Overlays overlays)
{
    private static readonly Lazy<IReadOnlyList<(string Instruction, string Arguments)>> Instructions = new(Read);

    [Fact]
    public void It_builds_with_the_sdk_and_runs_on_the_aspnet_runtime()
    {
        var stages = Instructions.Value.Where(i => i.Instruction == "FROM").Select(i => i.Arguments).ToList();
        Assert.Equal(2, stages.Count);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", stages[0]);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0\b", stages[1]);
        Assert.Contains(Instructions.Value, i => i.Instruction == "COPY" && i.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
    }

    [Fact]
    public void It_exposes_exactly_the_ports_the_silo_container_declares()
    {
        var exposed = Instructions.Value.Where(i => i.Instruction == "EXPOSE").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)).Order();
        foreach (var overlay in Overlays.All)
        {
            Assert.Equal(CrossReferenceTests.Silo(overlays[overlay]).Ports.Select(p => p.ContainerPort).Order(), exposed);
        }
    }

    [Fact]
    public void It_runs_as_the_numeric_non_root_user_the_pods_require()
    {
        // runAsNonRoot can only be verified by the kubelet for a numeric USER.
        var user = Assert.Single(Instructions.Value, i => i.Instruction == "USER").Arguments;
        Assert.Matches("^[1-9][0-9]*$", user);
        Assert.Equal("USER", Instructions.Value.Last(i => i.Instruction is "USER" or "FROM").Instruction);
        foreach (var overlay in Overlays.All)
        {
            Assert.Equal(long.Parse(user, System.Globalization.CultureInfo.InvariantCulture), overlays[overlay].Deployment.Spec.Template.Spec.SecurityContext.RunAsUser);
        }
    }

    [Fact]
    public void Its_entry_point_is_the_silos_assembly_so_migrate_works_as_the_init_containers_argument()
    {
        var entry = JsonSerializer.Deserialize<string[]>(Assert.Single(Instructions.Value, i => i.Instruction == "ENTRYPOINT").Arguments) ?? [];
        Assert.Equal(["dotnet", typeof(MaestroSiloOptions).Assembly.GetName().Name + ".dll"], entry);
        Assert.DoesNotContain(Instructions.Value, i => i.Instruction == "CMD");
        var publish = Assert.Single(Instructions.Value, i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Arguments;
        Assert.Contains("src/Silo/Silo.csproj", publish, StringComparison.Ordinal);
        Assert.Contains("-o /app", publish, StringComparison.Ordinal);
        Assert.Contains(Instructions.Value, i => i.Instruction == "WORKDIR" && i.Arguments == "/app");
    }

    [Fact]
    public void Its_settings_are_real_silo_settings_and_its_data_directory_is_where_the_pods_mount_tmp()
    {
        var variables = Instructions.Value.Where(i => i.Instruction == "ENV")
            .SelectMany(i => EnvPair().Matches(i.Arguments).Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value.Trim('"'))))
            .ToDictionary(v => v.Name, v => v.Value);
        Assert.All(variables.Where(v => v.Key.StartsWith(SiloSettings.Prefix, StringComparison.Ordinal)), v => Assert.Null(SiloSettings.Check(v.Key, v.Value)));
        Assert.StartsWith("/tmp/", variables["Maestro__DataDirectory"]);
    }

    [Fact]
    public void It_copies_every_project_the_silo_needs_before_restoring_and_only_files_that_exist()
    {
        var copies = Instructions.Value.TakeWhile(i => !(i.Instruction == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal)))
            .Where(i => i.Instruction == "COPY").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToHashSet();
        foreach (var project in ProjectClosure("src/Silo/Silo.csproj"))
        {
            Assert.Contains(project, copies);
        }

        Assert.Contains("Directory.Packages.props", copies);
        foreach (var source in Instructions.Value.Where(i => i.Instruction == "COPY" && !i.Arguments.StartsWith("--", StringComparison.Ordinal))
                     .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]))
        {
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, source)) || Directory.Exists(Path.Combine(RepoPaths.Root, source)), $"COPY {source}: not in the repository");
        }
    }

    [Fact]
    public void The_dockerignore_keeps_build_output_and_tests_out_but_not_what_the_build_copies()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git/", ignored);
        foreach (var needed in new[] { "src/", "samples/", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.DoesNotContain(ignored, i => i.TrimEnd('/') == needed.TrimEnd('/'));
        }
    }

    /// <summary>A project and, recursively, every project it references, as repository-relative paths.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(Path.Combine(RepoPaths.Root, current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(RepoPaths.Root, directory, reference.Attribute("Include")!.Value));
                pending.Push(Path.GetRelativePath(RepoPaths.Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }

    private static List<(string, string)> Read()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Dockerfile"));
        var result = new List<(string, string)>();
        var current = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            current += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (!line.EndsWith('\\'))
            {
                var space = current.IndexOf(' ', StringComparison.Ordinal);
                result.Add((current[..space].ToUpperInvariant(), Regex.Replace(current[(space + 1)..].Trim(), @"\s+", " ")));
                current = "";
            }
        }

        return result;
    }

    [GeneratedRegex("""([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)""")]
    private static partial Regex EnvPair();
}
