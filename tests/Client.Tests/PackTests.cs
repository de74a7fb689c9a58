using System.IO.Compression;
using OrleansMaestro.Client.Tests.EndToEnd;

namespace OrleansMaestro.Client.Tests;

/// <summary><c>dotnet pack</c> of the SDK's two packages: each has its README and XML docs, and the client needs no server.</summary>
public sealed class PackTests
{
    [Fact]
    public async Task Both_packages_are_packed_with_readme_and_xml_docs()
    {
        using var output = new DataFolder();
        foreach (var project in new[] { "src/Abstractions/Abstractions.csproj", "src/Client/Client.csproj" })
        {
            // --no-build: the test project's build has built both in this configuration already.
            var packed = await DotnetProgram.RunAsync(RepoPaths.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(3),
                "pack", Path.Combine(RepoPaths.Root, project), "-c", DotnetProgram.Configuration, "--no-build", "-o", output.Path, "-nologo");
            Assert.True(packed.ExitCode == 0, packed.ToString());
        }

        AssertPackage(Path.Combine(output.Path, "OrleansMaestro.Client.0.5.0.nupkg"), "OrleansMaestro.Client");
        var abstractions = AssertPackage(Path.Combine(output.Path, "OrleansMaestro.Abstractions.0.5.0.nupkg"), "OrleansMaestro.Abstractions");

        using var client = ZipFile.OpenRead(Path.Combine(output.Path, "OrleansMaestro.Client.0.5.0.nupkg"));
        var nuspec = ReadEntry(client, "OrleansMaestro.Client.nuspec");
        Assert.Contains("id=\"OrleansMaestro.Abstractions\" version=\"0.5.0\"", nuspec, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Orleans.Client", nuspec, StringComparison.Ordinal);
        // The SDK is a client: neither the silo nor the grains' implementations come with it.
        Assert.DoesNotContain("OrleansMaestro.Silo", nuspec, StringComparison.Ordinal);
        Assert.DoesNotContain("OrleansMaestro.Grains", nuspec, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.Orleans.Server", nuspec, StringComparison.Ordinal);
        Assert.Contains("WorkflowBuilder", abstractions, StringComparison.Ordinal);
    }

    /// <summary>Checks README and XML docs in the package; returns the XML docs.</summary>
    private static string AssertPackage(string path, string assembly)
    {
        Assert.True(File.Exists(path), $"{path} was not produced");
        using var zip = ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("README.md", names);
        Assert.Contains($"lib/net10.0/{assembly}.dll", names);
        Assert.Contains($"lib/net10.0/{assembly}.xml", names);
        Assert.Contains("<readme>README.md</readme>", ReadEntry(zip, $"{assembly}.nuspec"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ReadEntry(zip, "README.md")));
        return ReadEntry(zip, $"lib/net10.0/{assembly}.xml");
    }

    private static string ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the package: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
