using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// Runs <see cref="SleepStep"/>: waits for the duration, then succeeds. The wait goes through the injected
/// <see cref="TimeProvider"/> so tests (and simulated clocks) control it, and it ends early when the attempt is cancelled.
/// </summary>
public sealed class SleepStepRunner : IStepRunner
{
    private readonly TimeProvider _time;
    private readonly ILogger<SleepStepRunner> _logger;

    public SleepStepRunner(TimeProvider time, ILogger<SleepStepRunner> logger)
    {
        _time = time;
        _logger = logger;
    }

    public string StepType => "sleep";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepWork work, CancellationToken cancellationToken)
    {
        var step = work.StepAs<SleepStep>();
        if (step.Duration < TimeSpan.Zero)
        {
            throw new StepFailedException($"Sleep step '{step.Id}' has a negative duration ({step.Duration}).");
        }

        _logger.LogDebug("Step {Work} sleeps for {Duration}", work.Describe(), step.Duration);
        await Task.Delay(step.Duration, _time, cancellationToken);
        return new Dictionary<string, string>
        {
            ["slept-ms"] = ((long)step.Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
    }
}
