using Microsoft.Extensions.Hosting;

namespace OrleansMaestro.Silo.Hosting;

internal static class LifetimeExtensions
{
    /// <summary>Completes once every hosted service (the silo first) has started, so grain calls are served.</summary>
    public static async Task WaitForStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }
}
