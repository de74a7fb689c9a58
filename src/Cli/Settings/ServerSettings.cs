namespace OrleansMaestro.Cli.Settings;

/// <summary>Which OrleansMaestro server the server commands talk to, and the API key they send.</summary>
public sealed record ServerSettings(Uri Server, string? ApiKey);
