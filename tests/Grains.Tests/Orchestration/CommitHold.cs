using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>
/// A commit observer in every test silo that, when armed for a table, blocks the committing step right after its
/// commit landed (before it can report), so a test can kill that silo at the worst moment for exactly-once.
/// In-process silos share this static state.
/// </summary>
internal sealed class CommitHold(SiloAddress silo) : ICommitObserver
{
    private static readonly Lock Gate = new();
    private static string? _table;
    private static SiloAddress? _spare;
    private static TaskCompletionSource<SiloAddress> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds the next commit to <paramref name="table"/> made on any silo but <paramref name="spare"/>.</summary>
    public static Task<SiloAddress> ArmAsync(string table, SiloAddress spare)
    {
        lock (Gate)
        {
            _table = table;
            _spare = spare;
            _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return _held.Task;
        }
    }

    public static void Disarm()
    {
        lock (Gate)
        {
            _table = null;
        }
    }

    public async Task OnCommittedAsync(TableIdentifier table, string metadataLocation, TableMetadata metadata, CancellationToken cancellationToken)
    {
        TaskCompletionSource<SiloAddress> held;
        lock (Gate)
        {
            if (_table != table.ToString() || silo.Equals(_spare) || _held.Task.IsCompleted)
            {
                return;
            }

            held = _held;
        }

        held.TrySetResult(silo);
        // Until the silo is killed (its stop cancels the attempt), or forever as far as the step can tell.
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
