using System.Globalization;

namespace OrleansMaestro.Silo.Tests;

/// <summary>Three silo processes on loopback sharing one PostgreSQL: one cluster, the pipeline's steps spread over it.</summary>
[Collection(ClusterServers.Name)]
public sealed class MultiSiloTests(PostgresServerFixture postgres)
{
    private const int Dead = 6; // Orleans' SiloStatus.Dead
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_silos_run_the_sample_pipeline_with_steps_on_every_silo_and_all_leave_cleanly()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var shared = new DataFolder();
        var warehouse = Path.Combine(shared.Path, "warehouse");
        var migrated = await SiloProcess.RunAsync(shared.Path, null, "migrate", "--connection", database);
        Assert.True(migrated.ExitCode == 0, migrated.ToString());

        // Each silo: its own ports and data folder, the same database and warehouse. Only the last runs the demo.
        var silos = Enumerable.Range(0, 3).Select(_ => new SiloSlot()).ToArray();
        var workers = new List<SiloProcess>();
        try
        {
            foreach (var slot in silos[..2])
            {
                var worker = SiloProcess.Start(slot.Data.Path, slot.Settings(database, warehouse), "--data", slot.Data.Path);
                workers.Add(worker);
                await worker.WaitForTextAsync("Silo started (Cluster profile)", StartTimeout);
            }

            var demo = await SiloProcess.RunAsync(silos[2].Data.Path, silos[2].Settings(database, warehouse),
                "--demo", "--demo-duration", "30", "--data", silos[2].Data.Path);

            Assert.True(demo.ExitCode == 0, demo.ToString());
            Assert.Contains("-> PASS", demo.Output, StringComparison.Ordinal);

            // Step results carry the silo that ran them ("silo" output, "S127.0.0.1:<port>:<generation>"), stored in the
            // runs' grain state; Orleans' binary format keeps strings as UTF-8, so the silo port is findable in it.
            var used = new List<int>();
            foreach (var slot in silos)
            {
                var marker = $"127.0.0.1:{slot.SiloPort.ToString(CultureInfo.InvariantCulture)}:";
                var runs = await Database.QueryAsync(database,
                    $"SELECT count(*) FROM orleansstorage WHERE graintypestring = 'run' AND position(convert_to('{marker}', 'UTF8') in payloadbinary) > 0",
                    r => r.GetInt64(0));
                if (runs[0] > 0)
                {
                    used.Add(slot.SiloPort);
                }
            }

            // Steps use random placement; a run has several steps and the demo makes about ten runs, so each silo gets some.
            Assert.True(used.Count == silos.Length, $"steps ran on silos {string.Join(", ", used)} only, of {string.Join(", ", silos.Select(s => s.SiloPort))}\n{demo}");

            foreach (var worker in workers)
            {
                var stopped = await worker.StopGracefullyAsync();
                Assert.True(stopped.ExitCode == 0, stopped.ToString());
            }

            var statuses = await Database.QueryAsync(database, "SELECT status FROM orleansmembershiptable", r => r.GetInt32(0));
            Assert.Equal([Dead, Dead, Dead], statuses);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }

            foreach (var slot in silos)
            {
                slot.Data.Dispose();
            }
        }
    }

    private sealed class SiloSlot
    {
        public DataFolder Data { get; } = new();

        public int SiloPort { get; } = FreePort.Next();

        public int GatewayPort { get; } = FreePort.Next();

        public Dictionary<string, string> Settings(string database, string warehouse)
        {
            var settings = ClusterSettings.OnDisk(database, warehouse);
            settings["Maestro__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture);
            settings["Maestro__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture);
            return settings;
        }
    }
}
