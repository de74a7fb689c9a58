using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Client.Configuration;

namespace OrleansMaestro.Client.Tests.EndToEnd;

/// <summary>
/// The Orleans transport with ADO.NET clustering: a cluster-profile silo on a real PostgreSQL, and a client that finds
/// its gateway in the membership table (no gateway list).
/// </summary>
public sealed class AdoNetClusteringTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task A_client_finds_the_cluster_through_its_membership_table_and_drives_a_run()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var data = new DataFolder();
        var migrated = await SiloProcess.RunAsync(data.Path, null, "migrate", "--connection", database);
        Assert.True(migrated.ExitCode == 0, migrated.ToString());

        await using var silo = SiloProcess.Start(data.Path, new Dictionary<string, string>
        {
            ["Maestro__Profile"] = "Cluster",
            ["Maestro__Cluster__ConnectionString"] = database,
            ["Maestro__Warehouse"] = Path.Combine(data.Path, "warehouse"),
            ["Maestro__ClusterId"] = "client-tests",
            ["Maestro__ServiceId"] = "client-tests-service",
            ["Maestro__Http__Auth__Enabled"] = "false",
        }, "--data", data.Path);
        await silo.WaitForTextAsync("Silo started (Cluster profile)", TimeSpan.FromSeconds(90));

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMaestroClient(o =>
        {
            o.Transport = MaestroTransport.Orleans;
            o.Orleans.AdoNet.ConnectionString = database;
            o.Orleans.ClusterId = "client-tests";
            o.Orleans.ServiceId = "client-tests-service";
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<IMaestroClient>();
            await client.ApplyWorkflowAsync(new WorkflowBuilder("adonet").OnManual().Noop("a").Build());
            var run = await client.StartRunAsync("adonet");
            var events = await client.UntilEndAsync(run);
            Assert.True(events[^1].Status == RunStatus.Succeeded, $"{events[^1].Run.Error}\n{silo.Errors}");
            Assert.Contains(await client.ListWorkflowsAsync(), w => w.Id == "adonet");
            await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.GetWorkflowAsync("adonet-missing"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_client_of_another_cluster_id_finds_no_gateway()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var data = new DataFolder();
        var migrated = await SiloProcess.RunAsync(data.Path, null, "migrate", "--connection", database);
        Assert.True(migrated.ExitCode == 0, migrated.ToString());

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMaestroClient(o =>
        {
            o.Transport = MaestroTransport.Orleans;
            o.Orleans.AdoNet.ConnectionString = database;
            o.Orleans.ClusterId = "nobody-here";
            o.Orleans.ConnectTimeout = TimeSpan.FromSeconds(3);
        });
        using var host = builder.Build();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // The empty membership table has no gateway: the Orleans client's start fails by itself (not by our timeout).
        var e = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(cancel.Token));
        Assert.False(e is OperationCanceledException, e.ToString());
        Assert.False(cancel.IsCancellationRequested, "the start hung until the test's timeout");
    }
}
