namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>A silo with API keys on: one read-write key, one read-only key.</summary>
public sealed class AuthSilo : ApiSilo
{
    public const string WriterKey = "writer-key-0123456789abcdef";
    public const string ReaderKey = "reader-key-0123456789abcdef";

    protected override bool CreateDemoTables => false;

    protected override IReadOnlyDictionary<string, string> Environment { get; } = ApiKeyEnvironment.WriterAndReader(WriterKey, ReaderKey);
}
