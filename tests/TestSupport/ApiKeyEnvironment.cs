namespace OrleansMaestro.Testing;

/// <summary>The silo settings (environment form) that turn API keys on with one read-write and one read-only key.</summary>
public static class ApiKeyEnvironment
{
    /// <summary>Auth on; key 0 <c>ci</c> is read-write (<paramref name="writerKey"/>), key 1 <c>dashboard</c> read-only (<paramref name="readerKey"/>).</summary>
    public static Dictionary<string, string> WriterAndReader(string writerKey, string readerKey) => new()
    {
        ["Maestro__Http__Auth__Enabled"] = "true",
        ["Maestro__Http__Auth__ApiKeys__0__Name"] = "ci",
        ["Maestro__Http__Auth__ApiKeys__0__Key"] = writerKey,
        ["Maestro__Http__Auth__ApiKeys__1__Name"] = "dashboard",
        ["Maestro__Http__Auth__ApiKeys__1__Key"] = readerKey,
        ["Maestro__Http__Auth__ApiKeys__1__Access"] = "ReadOnly",
    };
}
