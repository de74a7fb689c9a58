namespace OrleansMaestro.Cli.Tests.EndToEnd;

/// <summary>A silo with API keys on: one read-write key, one read-only key.</summary>
public sealed class AuthServerFixture : ServerFixture
{
    public const string WriterKey = "cli-writer-key-0123456789abcdef";
    public const string ReaderKey = "cli-reader-key-0123456789abcdef";

    protected override bool CreateDemoTables => false;

    protected override IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["Maestro__Http__Auth__Enabled"] = "true",
        ["Maestro__Http__Auth__ApiKeys__0__Name"] = "ci",
        ["Maestro__Http__Auth__ApiKeys__0__Key"] = WriterKey,
        ["Maestro__Http__Auth__ApiKeys__1__Name"] = "dashboard",
        ["Maestro__Http__Auth__ApiKeys__1__Key"] = ReaderKey,
        ["Maestro__Http__Auth__ApiKeys__1__Access"] = "ReadOnly",
    };
}
