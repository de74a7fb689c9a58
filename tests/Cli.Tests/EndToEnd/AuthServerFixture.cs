namespace OrleansMaestro.Cli.Tests.EndToEnd;

/// <summary>A silo with API keys on: one read-write key, one read-only key.</summary>
public sealed class AuthServerFixture : ServerFixture
{
    public const string WriterKey = "cli-writer-key-0123456789abcdef";
    public const string ReaderKey = "cli-reader-key-0123456789abcdef";

    protected override bool CreateDemoTables => false;

    protected override IReadOnlyDictionary<string, string> Environment { get; } = ApiKeyEnvironment.WriterAndReader(WriterKey, ReaderKey);
}
