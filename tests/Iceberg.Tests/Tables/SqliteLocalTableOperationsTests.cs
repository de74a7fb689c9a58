namespace OrleansMaestro.Iceberg.Tests.Tables;

/// <summary>The table operations on the embedded default: SQLite catalog, local warehouse folder.</summary>
public sealed class SqliteLocalTableOperationsTests : TableOperationsTests
{
    private protected override Task<TestWarehouse> OpenAsync() => TestWarehouse.SqliteLocalAsync();
}
