using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// Runs <see cref="ShellStep"/>: <c>/bin/sh -c command</c> with the step's environment plus the <c>MAESTRO_*</c>
/// variables (<see cref="MaestroEnvironment"/>). Exit code 0 succeeds with outputs <c>exit-code</c> and
/// <c>stdout-tail</c>; any other code fails the attempt with the code and the end of stderr. Cancelling the attempt
/// kills the whole process tree, so a timed-out script does not leave children running on the silo.
/// </summary>
public sealed class ShellStepRunner : IStepRunner
{
    private readonly ShellStepOptions _options;
    private readonly ILogger<ShellStepRunner> _logger;

    public ShellStepRunner(IOptions<ShellStepOptions> options, ILogger<ShellStepRunner> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    public string StepType => "shell";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepWork work, CancellationToken cancellationToken)
    {
        var step = work.StepAs<ShellStep>();
        cancellationToken.ThrowIfCancellationRequested();
        var startInfo = CreateStartInfo(work, step);

        var stdout = new OutputTail(_options.TailCharacters);
        var stderr = new OutputTail(_options.TailCharacters);
        using var process = new Process { StartInfo = startInfo };
        var started = Stopwatch.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new StepFailedException($"Shell step '{step.Id}' could not start '{_options.Shell}': {e.Message}", e);
        }

        _logger.LogInformation("Step {Work} started shell process {Pid}", work.Describe(), process.Id);

        // Commands that read stdin must see end-of-input rather than wait for a terminal that is not there.
        process.StandardInput.Close();
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput, stdout), PumpAsync(process.StandardError, stderr));

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            KillTree(process, work);
            throw;
        }

        // The pipes close when every process holding them exits; a background child may hold them much longer.
        await Task.WhenAny(pumps, Task.Delay(_options.OutputDrainTimeout, CancellationToken.None));

        var exitCode = process.ExitCode;
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (exitCode != 0)
        {
            _logger.LogWarning("Step {Work} shell exited with code {ExitCode} after {Elapsed}", work.Describe(), exitCode, elapsed);
            throw new StepFailedException(
                $"Shell step '{step.Id}' exited with code {exitCode}. End of stderr:{Environment.NewLine}{Tail(stderr)}");
        }

        _logger.LogInformation("Step {Work} shell exited with code 0 after {Elapsed}", work.Describe(), elapsed);
        return new Dictionary<string, string>
        {
            ["exit-code"] = exitCode.ToString(CultureInfo.InvariantCulture),
            ["stdout-tail"] = stdout.ToString(),
        };
    }

    private ProcessStartInfo CreateStartInfo(StepWork work, ShellStep step)
    {
        var startInfo = new ProcessStartInfo(_options.Shell)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(step.Command);

        if (!string.IsNullOrWhiteSpace(step.WorkingDirectory))
        {
            var directory = Path.GetFullPath(step.WorkingDirectory, _options.BaseDirectory ?? Environment.CurrentDirectory);
            if (!Directory.Exists(directory))
            {
                throw new StepFailedException($"Shell step '{step.Id}': working directory '{directory}' does not exist.");
            }

            startInfo.WorkingDirectory = directory;
        }
        else if (_options.BaseDirectory is { } baseDirectory)
        {
            startInfo.WorkingDirectory = baseDirectory;
        }

        // The step's own variables first, then the MAESTRO_* ones: a definition must not be able to fake its run's identity.
        foreach (var (name, value) in step.Environment)
        {
            startInfo.Environment[name] = value;
        }

        foreach (var (name, value) in MaestroEnvironment.For(work))
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    private static async Task PumpAsync(StreamReader reader, OutputTail tail)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None)) > 0)
        {
            tail.Append(buffer.AsSpan(0, read));
        }
    }

    private void KillTree(Process process, StepWork work)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            _logger.LogInformation("Step {Work} was cancelled; killed shell process tree {Pid}", work.Describe(), process.Id);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own between the cancellation and the kill.
        }
    }

    private static string Tail(OutputTail tail) => tail.Truncated ? "..." + tail : tail.ToString();
}
