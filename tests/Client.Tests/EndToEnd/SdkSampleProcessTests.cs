using System.Globalization;
using Xunit.Abstractions;

namespace OrleansMaestro.Client.Tests.EndToEnd;

/// <summary>
/// The SDK from a separate host process: samples/SdkSample registers its workflow, commits to the source table and
/// watches the run to its end, against the shared silo, over either transport.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class SdkSampleProcessTests(EmbeddedSilo silo, ITestOutputHelper output)
{
    [Theory]
    [InlineData("Http")]
    [InlineData("Orleans")]
    public async Task The_sample_service_registers_commits_and_watches_its_run_to_success(string transport)
    {
        using var work = new DataFolder();
        var environment = new Dictionary<string, string>
        {
            ["Maestro__Client__Transport"] = transport,
            ["Maestro__Client__Http__BaseAddress"] = silo.Silo.HttpAddress.AbsoluteUri,
            ["Maestro__Client__Http__ApiKey"] = EmbeddedSilo.ReadWriteKey,
            ["Maestro__Client__Orleans__Gateways__0"] = $"127.0.0.1:{silo.GatewayPort.ToString(CultureInfo.InvariantCulture)}",
            ["Sample__DataDirectory"] = silo.DataDirectory,
            ["Sample__WorkflowId"] = $"sample-{transport.ToLowerInvariant()}",
            ["Sample__SourceTable"] = $"sample_{transport.ToLowerInvariant()}.orders",
            ["Sample__TargetTable"] = $"sample_{transport.ToLowerInvariant()}.totals",
            ["Sample__Rows"] = "30",
        };

        var result = await DotnetProgram.RunAsync(work.Path, environment, TimeSpan.FromMinutes(3), DotnetProgram.SampleDll());
        output.WriteLine(result.Output);

        Assert.True(result.ExitCode == 0, $"{result}\nsilo:\n{silo.Output}");
        Assert.Contains($"watching run sample-{transport.ToLowerInvariant()}/1", result.Output, StringComparison.Ordinal);
        Assert.Contains("event 1 snapshot", result.Output, StringComparison.Ordinal);
        Assert.Contains("step totals Succeeded", result.Output, StringComparison.Ordinal);
        Assert.Contains("run Succeeded", result.Output, StringComparison.Ordinal);
        Assert.Contains($"run sample-{transport.ToLowerInvariant()}/1 succeeded", result.Output, StringComparison.Ordinal);

        // What the run wrote is in the catalog the silo and the sample share.
        var target = await silo.Http.GetTableAsync($"sample_{transport.ToLowerInvariant()}.totals");
        Assert.NotNull(target.CurrentSnapshotId);
        Assert.Contains(target.Columns, c => c.Name == "customer");
    }

    [Fact]
    public async Task A_wrong_setting_stops_the_sample_with_a_message_naming_it()
    {
        using var work = new DataFolder();
        var result = await DotnetProgram.RunAsync(work.Path, new Dictionary<string, string>
        {
            ["Maestro__Client__Transport"] = "Orleans",
            ["Maestro__Client__Orleans__Gateways__0"] = "no-port-here",
        }, TimeSpan.FromMinutes(1), DotnetProgram.SampleDll());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Maestro:Client:Orleans:Gateways:0: 'no-port-here' is not host:port", result.Errors, StringComparison.Ordinal);
    }
}
