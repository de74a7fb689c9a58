using System.Diagnostics;
using System.Text.Json;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Steps;

namespace OrleansMaestro.Grains.Tests.Steps;

public class ShellStepRunnerTests
{
    private static async Task<IReadOnlyDictionary<string, string>> RunAsync(ShellStep step, StepWork? work = null, CancellationToken cancellationToken = default)
    {
        await using var services = RunnerHost.Build();
        return await services.Runner("shell").RunAsync(work ?? Work.For(step), cancellationToken);
    }

    [Fact]
    public async Task The_process_gets_the_step_environment_and_the_maestro_variables()
    {
        var step = new ShellStep
        {
            Id = "env-dump",
            Command = "printf '%s\\n' \"$GREETING\" \"$MAESTRO_WORKFLOW\" \"$MAESTRO_RUN\" \"$MAESTRO_STEP\" \"$MAESTRO_ATTEMPT\" "
                      + "\"$MAESTRO_PARAM_day\" \"$MAESTRO_PARAM_max_rows\" \"$MAESTRO_FROM_SNAPSHOT_ANALYTICS_RAW_EVENTS\" \"$MAESTRO_TO_SNAPSHOT_ANALYTICS_RAW_EVENTS\" "
                      + "\"x${MAESTRO_FROM_SNAPSHOT_SALES_ORDERS}x\" \"$MAESTRO_TO_SNAPSHOT_SALES_ORDERS\" \"$MAESTRO_SOURCES\"",
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello there", ["MAESTRO_RUN"] = "forged" },
        };
        SnapshotRange[] sources =
        [
            new() { Table = "analytics.raw-events", FromExclusive = 11, ToInclusive = 42 },
            new() { Table = "sales.orders", FromExclusive = null, ToInclusive = 7 },
        ];
        var work = Work.For(step, sources, new Dictionary<string, string> { ["day"] = "2026-01-02", ["max-rows"] = "10" }, workflow: "nightly", run: 17, attempt: 3);

        var outputs = await RunAsync(step, work);

        var lines = outputs["stdout-tail"].Split('\n');
        Assert.Equal("hello there", lines[0]);
        Assert.Equal("nightly", lines[1]);
        Assert.Equal("17", lines[2]); // the step's own MAESTRO_RUN does not override the real one
        Assert.Equal("env-dump", lines[3]);
        Assert.Equal("3", lines[4]);
        Assert.Equal("2026-01-02", lines[5]);
        Assert.Equal("10", lines[6]);
        Assert.Equal("11", lines[7]);
        Assert.Equal("42", lines[8]);
        Assert.Equal("xx", lines[9]);
        Assert.Equal("7", lines[10]);
        using var json = JsonDocument.Parse(lines[11]);
        var first = json.RootElement[0];
        Assert.Equal("analytics.raw-events", first.GetProperty("table").GetString());
        Assert.Equal(11, first.GetProperty("fromExclusive").GetInt64());
        Assert.Equal(42, first.GetProperty("toInclusive").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.RootElement[1].GetProperty("fromExclusive").ValueKind);
        Assert.Equal("0", outputs["exit-code"]);
    }

    [Fact]
    public async Task Runs_in_the_working_directory()
    {
        var folder = Directory.CreateTempSubdirectory("maestro-shell-").FullName;
        try
        {
            await RunAsync(new ShellStep { Id = "pwd", Command = "echo made > marker.txt", WorkingDirectory = folder });

            Assert.Equal("made", File.ReadAllText(Path.Combine(folder, "marker.txt")).Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_working_directory_fails_the_step_clearly()
    {
        var e = await Assert.ThrowsAsync<StepFailedException>(() => RunAsync(new ShellStep { Id = "nowhere", Command = "true", WorkingDirectory = "/no/such/folder/here" }));
        Assert.Contains("/no/such/folder/here", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_zero_exit_fails_with_the_code_and_the_end_of_stderr()
    {
        var e = await Assert.ThrowsAsync<StepFailedException>(() => RunAsync(new ShellStep { Id = "broken", Command = "echo fine; echo 'disk is full' >&2; exit 3" }));

        Assert.Contains("exited with code 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("disk is full", e.Message, StringComparison.Ordinal);
        Assert.Contains("'broken'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_end_of_a_long_stdout_is_kept()
    {
        // 20,000 lines of 6 characters: far more than the 4,096-character tail.
        var outputs = await RunAsync(new ShellStep { Id = "chatty", Command = "i=0; while [ $i -lt 20000 ]; do printf '%05d\\n' $i; i=$((i+1)); done" });

        var tail = outputs["stdout-tail"];
        Assert.Equal(4096, tail.Length);
        Assert.EndsWith("19998\n19999\n", tail, StringComparison.Ordinal);
        Assert.DoesNotContain("00000", tail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_kills_the_whole_process_tree()
    {
        var folder = Directory.CreateTempSubdirectory("maestro-shell-").FullName;
        var pidFile = Path.Combine(folder, "child.pid");
        try
        {
            using var cts = new CancellationTokenSource();
            var watch = Stopwatch.StartNew();
            var run = RunAsync(new ShellStep { Id = "stuck", Command = $"sleep 300 & echo $! > '{pidFile}'; wait" }, cancellationToken: cts.Token);

            var childPid = await WaitForPidAsync(pidFile);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"cancellation took {watch.Elapsed}");

            // The grandchild (sleep) must be gone too, not just the shell.
            var deadline = Stopwatch.StartNew();
            while (IsAlive(childPid) && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }

            Assert.False(IsAlive(childPid), $"child process {childPid} still runs after the step was cancelled");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> WaitForPidAsync(string pidFile)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
            {
                return pid;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The shell never wrote its child's pid.");
    }

    /// <summary>Running, sleeping or stopped; a zombie (exited, waiting to be reaped by whoever adopted it) counts as gone.</summary>
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
