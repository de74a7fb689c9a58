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
    private static CancellationTokenSource _release = new();

    /// <summary>Holds the next commit to <paramref name="table"/> made on any silo but <paramref name="spare"/>.</summary>
    public static Task<SiloAddress> ArmAsync(string table, SiloAddress spare)
    {
        lock (Gate)
        {
            _table = table;
            _spare = spare;
            _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new();
            return _held.Task;
        }
    }

    /// <summary>Stops holding: a held commit goes on.</summary>
    public static void Disarm()
    {
        lock (Gate)
        {
            _table = null;
            _release.Cancel();
        }
    }

    public async Task OnCommittedAsync(TableIdentifier table, string metadataLocation, TableMetadata metadata, CancellationToken cancellationToken)
    {
        TaskCompletionSource<SiloAddress> held;
        CancellationToken release;
        lock (Gate)
        {
            // Only a step's data commit (not the creation of the target table, which has no snapshot yet).
            if (_table != table.ToString() || silo.Equals(_spare) || _held.Task.IsCompleted
                || metadata.CurrentSnapshot?.Summary.ContainsKey("maestro.run") != true)
            {
                return;
            }

            held = _held;
            release = _release.Token;
        }

        held.TrySetResult(silo);
        // Frozen, as a process killed with -9 is, until the test releases it: in-process silos cannot really die, so
        // the attempt must not react to its silo's stop (which would let it report its success first).
        try
        {
            await Task.Delay(Timeout.Infinite, release);
        }
        catch (OperationCanceledException)
        {
            // released: the attempt goes on, long after its silo was killed and its work was given to another attempt
        }
    }
}
