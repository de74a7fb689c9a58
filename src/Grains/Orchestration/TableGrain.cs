using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Grains.Telemetry;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// One table of the catalog. Commits through the catalog are pushed here by <see cref="TableCommitObserver"/>; a timer
/// reloads the table while it has subscribers, for writers that go around the catalog's commit path. Either way each
/// subscribed workflow gets a signal with the new current snapshot.
/// </summary>
public sealed partial class TableGrain : Grain, ITableGrain
{
    private readonly IPersistentState<TableGrainState> _state;
    private readonly SqlCatalog _catalog;
    private readonly OrchestrationOptions _options;
    private readonly ILogger<TableGrain> _logger;
    private readonly MaestroTelemetry _telemetry;
    private IGrainTimer? _poll;

    public TableGrain(
        [PersistentState("table", GrainStorage.Name)] IPersistentState<TableGrainState> state,
        SqlCatalog catalog,
        IOptions<OrchestrationOptions> options,
        ILogger<TableGrain> logger,
        MaestroTelemetry telemetry)
    {
        _telemetry = telemetry;
        _state = state;
        _catalog = catalog;
        _options = options.Value;
        _logger = logger;
    }

    private string Table => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        UpdatePolling();
        return Task.CompletedTask;
    }

    public async Task SubscribeAsync(string workflowId)
    {
        if (_state.State.Subscribers.Add(workflowId))
        {
            await _state.WriteStateAsync();
            UpdatePolling();
        }

        // The new subscriber learns the current snapshot at once (it may already be behind).
        var info = await RefreshAsync();
        if (info.CurrentSnapshotId is { } snapshot)
        {
            await GrainFactory.GetGrain<IWorkflowGrain>(workflowId).OnTableChangedAsync(Table, snapshot, info.CurrentSequenceNumber, info.LastCommitAt ?? DateTimeOffset.UtcNow);
        }
    }

    public async Task UnsubscribeAsync(string workflowId)
    {
        if (_state.State.Subscribers.Remove(workflowId))
        {
            await _state.WriteStateAsync();
            UpdatePolling();
        }
    }

    public async Task OnCommittedAsync(TableCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (commit.MetadataLocation != _state.State.MetadataLocation)
        {
            // The push only says "something moved": the catalog says what is current. A push can arrive after a poll
            // already saw a newer commit, and applying it as-is would move this table backwards.
            await RefreshAsync();
        }
    }

    public async Task<TableInfo> RefreshAsync()
    {
        try
        {
            var table = await _catalog.LoadTableAsync(TableIdentifier.Parse(Table));
            var committedAt = table.CurrentSnapshot is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s.TimestampMs) : (DateTimeOffset?)null;
            await ApplyAsync(table.MetadataLocation, table.CurrentSnapshot?.SnapshotId, table.CurrentSnapshot?.SequenceNumber ?? 0, committedAt ?? DateTimeOffset.UtcNow);
        }
        catch (NoSuchTableException)
        {
            // A workflow may subscribe before its source exists (e.g. the target of an upstream SQL step).
        }

        return await GetAsync();
    }

    public Task<TableInfo> GetAsync() => Task.FromResult(new TableInfo
    {
        Table = Table,
        MetadataLocation = _state.State.MetadataLocation,
        CurrentSnapshotId = _state.State.SnapshotId,
        LastCommitAt = _state.State.LastCommitAt,
        CurrentSequenceNumber = _state.State.SequenceNumber,
        Subscribers = [.. _state.State.Subscribers.Order(StringComparer.Ordinal)],
    });

    private async Task ApplyAsync(string metadataLocation, long? snapshotId, long sequenceNumber, DateTimeOffset committedAt)
    {
        var state = _state.State;
        if (state.MetadataLocation == metadataLocation)
        {
            return;
        }

        var moved = snapshotId != state.SnapshotId;
        state.MetadataLocation = metadataLocation;
        state.SnapshotId = snapshotId;
        state.SequenceNumber = sequenceNumber;
        if (moved)
        {
            state.LastCommitAt = committedAt;
        }

        await _state.WriteStateAsync();
        if (moved && snapshotId is { } id)
        {
            LogNewSnapshot(Table, id, state.Subscribers.Count);
            _telemetry.TableCommitted(Table);
            foreach (var subscriber in state.Subscribers)
            {
                await GrainFactory.GetGrain<IWorkflowGrain>(subscriber).OnTableChangedAsync(Table, id, sequenceNumber, committedAt);
            }
        }
    }

    private void UpdatePolling()
    {
        if (_state.State.Subscribers.Count == 0)
        {
            _poll?.Dispose();
            _poll = null;
        }
        else
        {
            _poll ??= this.RegisterGrainTimer(
                static (grain, ct) => grain.PollAsync(ct),
                this,
                new GrainTimerCreationOptions { DueTime = _options.TablePollInterval, Period = _options.TablePollInterval, Interleave = false, KeepAlive = true });
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next tick tries again; a catalog outage must not deactivate the grain.
            LogPollFailed(e, Table);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Table {Table} has snapshot {SnapshotId}; signalling {Subscribers} workflows")]
    private partial void LogNewSnapshot(string table, long snapshotId, int subscribers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling table {Table} failed")]
    private partial void LogPollFailed(Exception exception, string table);
}
