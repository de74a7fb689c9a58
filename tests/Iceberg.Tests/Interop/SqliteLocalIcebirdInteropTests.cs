using OrleansMaestro.Iceberg.Tests.Tables;

namespace OrleansMaestro.Iceberg.Tests.Interop;

/// <summary>icebird reading tables from the embedded default: SQLite catalog, local warehouse folder.</summary>
public sealed class SqliteLocalIcebirdInteropTests : IcebirdInteropTests
{
    private protected override Task<TestWarehouse> OpenAsync() => TestWarehouse.SqliteLocalAsync();
}
