namespace OrleansMaestro.Silo.Demo;

/// <summary>One append of the generator to raw.events: the start of a propagation chain.</summary>
internal sealed record RawCommit(long SnapshotId, DateTimeOffset CommittedAt, int Rows);
