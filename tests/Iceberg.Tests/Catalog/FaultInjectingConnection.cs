using System.Data;
using System.Data.Common;

namespace OrleansMaestro.Iceberg.Tests.Catalog;

/// <summary>Wraps a connection so its commands can fail right after the inner statement committed (an ambiguous failure).</summary>
internal sealed class FaultInjectingConnection(DbConnection inner, Func<string, bool> failAfterExecuting) : DbConnection
{
#pragma warning disable CS8765 // The wrapped provider accepts null here too.
    public override string ConnectionString { get => inner.ConnectionString; set => inner.ConnectionString = value; }
#pragma warning restore CS8765

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Close() => inner.Close();

    public override void Open() => inner.Open();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new FaultInjectingCommand(inner.CreateCommand(), this, failAfterExecuting);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
