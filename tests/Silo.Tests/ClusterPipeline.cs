using Xunit.Abstractions;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Silo.Tests;

/// <summary>
/// The sample pipeline (samples/pipeline) on a cluster of silo processes sharing one PostgreSQL database, with no
/// special silo: the test process stores the workflows as an Orleans client and writes raw.events itself through the
/// Iceberg library on the same catalog (the silos' table grains find those commits by polling). Silos can be killed,
/// stopped and started again on the same ports; the checks read the tables back with the Iceberg library.
/// </summary>
public sealed class ClusterPipeline : IAsyncDisposable
{
    public const string Aggregate = "hourly-aggregate";
    public const string Top = "top-countries";
    public const string Events = "raw.events";
    public const string Counts = "agg.event_counts";
    public const string TopCountries = "agg.top_countries";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static readonly Schema EventsSchema = new(0,
    [
        NestedField.RequiredField(1, "event_id", PrimitiveType.Long),
        NestedField.OptionalField(2, "country", PrimitiveType.String),
        NestedField.OptionalField(3, "amount", PrimitiveType.Decimal(18, 2)),
        NestedField.OptionalField(4, "ts", PrimitiveType.TimestampTz),
    ]);

    private static readonly string?[] Countries = ["DE", "FR", "US", "JP", "BR", "IN", "NG", "AU", null];

    private readonly Dictionary<string, string> _settings;
    private readonly DataFolder _shared;
    private readonly ResolvingFileIO _io;
    private readonly Random _random = new();
    private readonly Lock _gate = new();
    private readonly List<string> _log = [];
    private ITestOutputHelper? _output;
    private IHost? _clientHost;
    private CancellationTokenSource? _generatorStop;
    private Task? _generator;
    private long _nextEventId = 1;

    private ClusterPipeline(string database, Dictionary<string, string> settings, DataFolder shared, ResolvingFileIO io, SqlCatalog catalog, int silos)
    {
        ConnectionString = database;
        _settings = settings;
        _shared = shared;
        _io = io;
        Catalog = catalog;
        Slots = [.. Enumerable.Range(0, silos).Select(_ => new SiloSlot())];
    }

    /// <summary>Connection string of the cluster's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The test's own catalog on the cluster's database: the generator commits through it, the checks read through it.</summary>
    public SqlCatalog Catalog { get; }

    public SiloSlot[] Slots { get; }

    public IClusterClient Client => _clientHost?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("The client is not connected.");

    public IWorkflowGrain Workflow(string id) => Client.GetGrain<IWorkflowGrain>(id);

    /// <summary>Batches committed to raw.events by the generator (and by hand).</summary>
    public int Commits { get; private set; }

    /// <summary>What happened, with times: kills, restarts, generator errors; goes into failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>A fresh database (migrated), a warehouse in a local folder all silos share or in the s3rver's bucket.</summary>
    public static async Task<ClusterPipeline> CreateAsync(ITestOutputHelper output, PostgresServerFixture postgres, int silos, S3ServerFixture? s3 = null)
    {
        var database = await postgres.CreateDatabaseAsync();
        var shared = new DataFolder();
        var settings = s3 is null
            ? ClusterSettings.OnDisk(database, Path.Combine(shared.Path, "warehouse"))
            : ClusterSettings.OnS3(database, s3, $"fail-{Guid.NewGuid():N}");

        // Short timings so failovers and catch-up take seconds: the table grains poll for the test's commits every
        // second, workflows reconcile every 2 s, and the durable keep-alive reminder wakes a lost workflow within 10 s.
        settings["Maestro__Orchestration__TablePollInterval"] = "00:00:01";
        settings["Maestro__Orchestration__WorkflowReconcileInterval"] = "00:00:02";
        settings["Maestro__Orchestration__KeepAlivePeriod"] = "00:00:10";
        settings["Maestro__Orchestration__RunPollInterval"] = "00:00:01";

        var migrated = await SiloProcess.RunAsync(shared.Path, null, "migrate", "--connection", database);
        Assert.True(migrated.ExitCode == 0, migrated.ToString());

        var io = new ResolvingFileIO(s3?.CreateOptions());
        var catalog = new SqlCatalog(
            new PostgresCatalogStore(new PostgresCatalogOptions { ConnectionString = database, CatalogName = "maestro" }),
            io,
            new CatalogOptions { Warehouse = settings["Maestro__Warehouse"] });
        await catalog.InitializeAsync();
        return new ClusterPipeline(database, settings, shared, io, catalog, silos) { _output = output };
    }

    public void Note(string line)
    {
        lock (_gate)
        {
            _log.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }

    /// <summary>Starts the silos of the given slots (all when none given) at once and waits until each has joined.</summary>
    public async Task StartSilosAsync(params int[] indexes)
    {
        indexes = indexes.Length == 0 ? [.. Enumerable.Range(0, Slots.Length)] : indexes;
        foreach (var i in indexes)
        {
            var slot = Slots[i];
            if (slot.Process is { } old)
            {
                await old.DisposeAsync();
            }

            slot.Process = SiloProcess.Start(slot.Data.Path, slot.Settings(_settings), "--data", slot.Data.Path);
            slot.Starts++;
        }

        await Task.WhenAll(indexes.Select(i => Slots[i].Process!.WaitForTextAsync("Silo started (Cluster profile)", StartTimeout)));
        Note($"started silo(s) {string.Join(", ", indexes.Select(i => Slots[i].SiloPort))}");
    }

    /// <summary>kill -9 of one silo process.</summary>
    public async Task<SiloResult> KillAsync(int index)
    {
        var result = await Slots[index].Process!.KillAsync();
        Slots[index].Ended.Add(result);
        Note($"killed silo {Slots[index].SiloPort}");
        return result;
    }

    /// <summary>The slot whose silo hosts the grain's activation now, or -1 when it has none.</summary>
    public async Task<int> SlotHoldingAsync(IAddressable grain)
    {
        var address = await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return address is null ? -1 : Array.FindIndex(Slots, s => s.SiloPort == address.Endpoint.Port);
    }

    /// <summary>Connects the test's Orleans client through the membership table (the gateways of the live silos).</summary>
    public async Task ConnectClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "maestro";
                o.ServiceId = "maestro";
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = ConnectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        _clientHost = host;
    }

    public async Task DisconnectClientAsync()
    {
        if (_clientHost is { } host)
        {
            _clientHost = null;
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
            {
                // The gateways may be gone already.
            }

            host.Dispose();
        }
    }

    /// <summary>
    /// As the demo does: creates raw.events with a first batch, stores hourly-aggregate, and once its first run has
    /// created agg.event_counts, stores top-countries.
    /// </summary>
    /// <param name="retry">A retry policy for both workflows instead of the samples' own (hourly-aggregate: 2 retries, 1 s then 2 s; top-countries: none).</param>
    public async Task SetUpPipelineAsync()
    {
        var id = TableIdentifier.Parse(Events);
        await Catalog.EnsureNamespaceAsync(id.Namespace);
        await Catalog.CreateTableAsync(id, EventsSchema);
        await AppendBatchAsync(200);
        await Workflow(Aggregate).PutDefinitionAsync(Sample(Aggregate));
        await WaitAsync("agg.event_counts created by the first aggregate run", TimeSpan.FromSeconds(60),
            () => Catalog.TableExistsAsync(TableIdentifier.Parse(Counts)));
        await Workflow(Top).PutDefinitionAsync(Sample(Top));
        Note("pipeline set up");
    }

    /// <summary>Appends one batch of random events to raw.events (through the test's catalog, like any outside writer).</summary>
    public async Task AppendBatchAsync(int rows, CancellationToken cancellationToken = default)
    {
        var table = await Catalog.LoadTableAsync(TableIdentifier.Parse(Events), cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var batch = new object?[rows][];
        for (var i = 0; i < rows; i++)
        {
            var ts = now.AddTicks(-_random.NextInt64(TimeSpan.FromHours(3).Ticks));
            batch[i] =
            [
                _nextEventId++,
                Countries[_random.Next(Countries.Length)],
                _random.Next(50) == 0 ? null : _random.Next(1, 50_000) / 100m,
                ts.AddTicks(-(ts.Ticks % 10)),
            ];
        }

        await table.AppendRowsAsync(batch, cancellationToken: cancellationToken);
        Commits++;
    }

    /// <summary>Appends a batch every <paramref name="interval"/> until stopped; a failed append (an outage) is noted and tried again later.</summary>
    public void StartGenerator(TimeSpan interval, int rows = 300)
    {
        _generatorStop = new CancellationTokenSource();
        var stop = _generatorStop.Token;
        _generator = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await AppendBatchAsync(rows, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    Note($"generator: append failed ({e.GetType().Name}: {FirstLine(e.Message)}); trying again");
                }

                try
                {
                    await Task.Delay(interval, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);
        Note("generator started");
    }

    public async Task StopGeneratorAsync()
    {
        if (_generatorStop is { } stop)
        {
            await stop.CancelAsync();
            await _generator!;
            stop.Dispose();
            _generatorStop = null;
            Note($"generator stopped after {Commits} commits in all");
        }
    }

    /// <summary>Waits until an hourly-aggregate run is running (a run in flight) and returns it.</summary>
    public async Task<RunInfo> WaitForRunningAggregateAsync(long after = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var runs = await Workflow(Aggregate).ListRunsAsync(5);
            if (runs.FirstOrDefault(r => r.Status == RunStatus.Running && r.RunNumber > after) is { } running)
            {
                Note($"run {Aggregate}/{running.RunNumber} is running");
                return running;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {Aggregate} run was seen running within 60 s\n{Log}");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Waits, reading only the tables (no grain calls that could wake a lost grain), until agg.event_counts has a
    /// commit that consumed raw.events up to its current snapshot and agg.top_countries one that consumed
    /// agg.event_counts up to its current snapshot: every commit has gone all the way through.
    /// </summary>
    public async Task WaitUntilCaughtUpAsync(TimeSpan timeout)
    {
        await WaitAsync("the pipeline to catch up with raw.events", timeout, async () =>
        {
            var events = await Catalog.LoadTableAsync(TableIdentifier.Parse(Events));
            var counts = await Catalog.LoadTableAsync(TableIdentifier.Parse(Counts));
            if (!Consumed(counts, Events, events.CurrentSnapshot!.SnapshotId))
            {
                return false;
            }

            if (!await Catalog.TableExistsAsync(TableIdentifier.Parse(TopCountries)))
            {
                return false;
            }

            var top = await Catalog.LoadTableAsync(TableIdentifier.Parse(TopCountries));
            return Consumed(top, Counts, counts.CurrentSnapshot!.SnapshotId);
        });
        Note("pipeline caught up");
    }

    /// <summary>
    /// Every run finished well: both workflows idle, watermarks at the tables' current snapshots, run numbers 1..last
    /// with every hourly-aggregate run succeeded and every top-countries run succeeded or superseded (stopped by a newer
    /// run, its strategy being lastOnly). Returns the workflows' infos.
    /// </summary>
    public async Task<(WorkflowInfo Aggregate, WorkflowInfo Top)> AssertEveryRunFinishedAsync()
    {
        WorkflowInfo? aggregate = null, top = null;
        // The last run's report to its workflow is one-way and follows its commit: give it a moment.
        await WaitAsync("both workflows to be idle", TimeSpan.FromSeconds(30), async () =>
        {
            aggregate = await Workflow(Aggregate).GetAsync();
            top = await Workflow(Top).GetAsync();
            return aggregate!.ActiveRuns.Count == 0 && top!.ActiveRuns.Count == 0;
        });

        var events = await Catalog.LoadTableAsync(TableIdentifier.Parse(Events));
        var counts = await Catalog.LoadTableAsync(TableIdentifier.Parse(Counts));
        Assert.Equal(events.CurrentSnapshot!.SnapshotId, aggregate!.Watermarks[Events]);
        Assert.Equal(counts.CurrentSnapshot!.SnapshotId, top!.Watermarks[Counts]);

        foreach (var (info, allowed) in new[] { (aggregate, new[] { RunStatus.Succeeded }), (top, new[] { RunStatus.Succeeded, RunStatus.Stopped }) })
        {
            var runs = await Workflow(info.Definition.Id).ListRunsAsync(1000);
            Assert.Equal(Enumerable.Range(1, (int)info.LastRunNumber).Select(n => (long)n), runs.Select(r => r.RunNumber).Order());
            var bad = runs.Where(r => !allowed.Contains(r.Status)).ToArray();
            var retried = runs.SelectMany(r => r.Steps.Where(s => s.Attempts > 1).Select(s => $"run {r.RunNumber} {s.StepId} x{s.Attempts}")).ToArray();
            Note($"{info.Definition.Id}: {runs.Count} runs ({string.Join(", ", runs.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}"))}); " +
                $"steps with more than one attempt: {(retried.Length > 0 ? string.Join(", ", retried) : "none")}");
            Assert.True(bad.Length == 0, $"{info.Definition.Id}: runs not finished well: " +
                string.Join("; ", bad.Select(r => $"run {r.RunNumber} {r.Status} {r.Error} [{string.Join(", ", r.Steps.Select(s => $"{s.StepId} {s.Status} x{s.Attempts} {s.Error}"))}]")) + $"\n{Log}");
        }

        Assert.Contains(await Workflow(Top).ListRunsAsync(1), r => r.Status == RunStatus.Succeeded);
        return (aggregate, top!);
    }

    /// <summary>
    /// Nothing lost, nothing doubled: agg.event_counts summed per (hour, country) equals a recompute over all of
    /// raw.events, and no (maestro.workflow, maestro.run, maestro.step) marker is on two snapshots of either target.
    /// </summary>
    public async Task AssertExactlyOnceAsync()
    {
        var expected = new Dictionary<(DateTime Hour, string? Country), (long Events, decimal Amount)>();
        var events = await Catalog.LoadTableAsync(TableIdentifier.Parse(Events));
        long rows = 0;
        await foreach (var row in events.NewScan().Select("ts", "country", "amount").ReadRowsAsync())
        {
            var key = (Hour((DateTimeOffset)row[0]!), (string?)row[1]);
            var (n, sum) = expected.GetValueOrDefault(key);
            expected[key] = (n + 1, sum + ((decimal?)row[2] ?? 0m));
            rows++;
        }

        var actual = new Dictionary<(DateTime Hour, string? Country), (long Events, decimal Amount)>();
        var counts = await Catalog.LoadTableAsync(TableIdentifier.Parse(Counts));
        await foreach (var row in counts.NewScan().Select("hour", "country", "events", "amount").ReadRowsAsync())
        {
            var key = (Hour((DateTimeOffset)row[0]!), (string?)row[1]);
            var (n, sum) = actual.GetValueOrDefault(key);
            actual[key] = (n + Convert.ToInt64(row[2], CultureInfo.InvariantCulture), sum + ((decimal?)row[3] ?? 0m));
        }

        Assert.True(rows > 0, "raw.events is empty");
        var differences = expected.Keys.Union(actual.Keys)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => $"{k.Hour:yyyy-MM-dd HH}:00 {k.Country ?? "(none)"}: recomputed {expected.GetValueOrDefault(k)}, aggregate {actual.GetValueOrDefault(k)}")
            .ToArray();
        Note($"recompute over {rows} events in {Commits} commits: {expected.Count} (hour, country) groups, {differences.Length} differences");
        Assert.True(differences.Length == 0, $"agg.event_counts differs from a recompute over {rows} events:\n{string.Join('\n', differences)}\n{Log}");

        foreach (var target in new[] { Counts, TopCountries })
        {
            var table = await Catalog.LoadTableAsync(TableIdentifier.Parse(target));
            var markers = table.Metadata.Snapshots
                .Where(s => s.Summary.ContainsKey("maestro.workflow"))
                .Select(s => $"{s.Summary["maestro.workflow"]}/{s.Summary.GetValueOrDefault("maestro.run")}/{s.Summary.GetValueOrDefault("maestro.step")}")
                .ToArray();
            Assert.NotEmpty(markers);
            Assert.Equal(markers.Length, table.Metadata.Snapshots.Count); // every commit of a target is a step's, marked
            var twice = markers.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToArray();
            Assert.True(twice.Length == 0, $"{target}: markers committed more than once: {string.Join(", ", twice)}\n{Log}");
        }
    }

    /// <summary>The membership rows of a slot's silo port: (generation, status), oldest first.</summary>
    public Task<IReadOnlyList<(int Generation, int Status)>> MembershipAsync(int index) =>
        Database.QueryAsync(ConnectionString,
            $"SELECT generation, status FROM orleansmembershiptable WHERE port = {Slots[index].SiloPort.ToString(CultureInfo.InvariantCulture)} ORDER BY generation",
            r => (r.GetInt32(0), r.GetInt32(1)));

    public async Task WaitAsync(string what, TimeSpan timeout, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                last = e; // an outage or failover in progress; try again
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout} waiting for {what}; last error: {last?.Message}\n{Log}\n{SiloLogs()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The warnings and errors the silos wrote (stderr), for failure messages.</summary>
    public string SiloLogs()
    {
        var text = new System.Text.StringBuilder();
        foreach (var slot in Slots)
        {
            foreach (var (errors, n) in slot.Ended.Select(e => e.Errors).Append(slot.Process?.Errors ?? string.Empty).Select((e, n) => (e, n)))
            {
                var lines = errors.Split('\n').Where(l => l.Contains("warn:", StringComparison.Ordinal) || l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal)).TakeLast(40);
                text.Append("--- silo ").Append(slot.SiloPort).Append(" start ").Append(n + 1).Append('\n').AppendJoin('\n', lines).Append('\n');
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _output?.WriteLine(Log);
        await StopGeneratorAsync();
        await DisconnectClientAsync();
        foreach (var slot in Slots)
        {
            if (slot.Process is { } process)
            {
                await process.DisposeAsync();
            }

            slot.Data.Dispose();
        }

        if (Catalog.Store is IAsyncDisposable store)
        {
            await store.DisposeAsync();
        }
        _io.Dispose();
        _shared.Dispose();
    }

    private static WorkflowDefinition Sample(string id) =>
        WorkflowDefinitionJson.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "pipeline", id + ".json")));

    /// <summary>Whether some commit of <paramref name="target"/> consumed <paramref name="source"/> up to <paramref name="snapshotId"/>.</summary>
    private static bool Consumed(Table target, string source, long snapshotId) =>
        target.Metadata.Snapshots.Any(s => s.Summary.TryGetValue("maestro.sources", out var json)
            && System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Any(r =>
                r.GetProperty("table").GetString() == source
                && r.GetProperty("toInclusive").ValueKind == System.Text.Json.JsonValueKind.Number
                && r.GetProperty("toInclusive").GetInt64() == snapshotId));

    private static DateTime Hour(DateTimeOffset ts) => new(ts.UtcTicks - (ts.UtcTicks % TimeSpan.TicksPerHour), DateTimeKind.Utc);

    private static string FirstLine(string text) => text.Split('\n')[0];

    /// <summary>One silo's place: ports and data folder kept across restarts, the process of its current start.</summary>
    public sealed class SiloSlot
    {
        public DataFolder Data { get; } = new();

        public int SiloPort { get; } = FreePort.Next();

        public int GatewayPort { get; } = FreePort.Next();

        public SiloProcess? Process { get; set; }

        public int Starts { get; set; }

        /// <summary>How earlier starts ended (killed or stopped).</summary>
        public List<SiloResult> Ended { get; } = [];

        public Dictionary<string, string> Settings(IReadOnlyDictionary<string, string> common)
        {
            var settings = new Dictionary<string, string>(common)
            {
                ["Maestro__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
                ["Maestro__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            };
            return settings;
        }
    }
}
