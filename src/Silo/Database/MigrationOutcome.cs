namespace OrleansMaestro.Silo.Database;

/// <summary>What one migration did: the scripts it applied now, and those a previous run had applied already.</summary>
internal sealed record MigrationOutcome(IReadOnlyList<string> Applied, IReadOnlyList<string> AlreadyApplied);
