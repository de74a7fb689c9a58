using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Client.Configuration;

namespace OrleansMaestro.Client.OrleansTransport;

/// <summary>
/// Retries the Orleans client's first connection (a cluster still starting) for
/// <see cref="MaestroOrleansClientOptions.ConnectTimeout"/>, then lets the host's start fail. Without it the client
/// retries for ever and a wrong gateway or cluster id hangs the service's start with nothing said.
/// </summary>
internal sealed partial class ConnectRetryFilter(IOptions<MaestroClientOptions> options, TimeProvider time, ILogger<ConnectRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private long? _firstFailure;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Orleans.ConnectTimeout;
        TimeSpan elapsed;
        lock (_gate)
        {
            _firstFailure ??= time.GetTimestamp();
            elapsed = time.GetElapsedTime(_firstFailure.Value);
        }

        if (elapsed >= timeout)
        {
            LogGaveUp(exception, timeout);
            return false;
        }

        LogRetrying(exception.Message);
        await Task.Delay(RetryDelay, time, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to the OrleansMaestro cluster yet ({Reason}); retrying")]
    private partial void LogRetrying(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up connecting to the OrleansMaestro cluster after {Timeout}; check Orleans:Gateways or Orleans:AdoNet, ClusterId and ServiceId")]
    private partial void LogGaveUp(Exception exception, TimeSpan timeout);
}
