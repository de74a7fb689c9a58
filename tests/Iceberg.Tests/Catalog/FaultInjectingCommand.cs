using System.Data;
using System.Data.Common;

namespace OrleansMaestro.Iceberg.Tests.Catalog;

/// <summary>Runs the inner command, then throws <see cref="TimeoutException"/> when told to, as if the reply was lost.</summary>
internal sealed class FaultInjectingCommand(DbCommand inner, DbConnection connection, Func<string, bool> failAfterExecuting) : DbCommand
{
#pragma warning disable CS8765 // The wrapped provider accepts null here too.
    public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }
#pragma warning restore CS8765

    public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }

    public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }

    public override bool DesignTimeVisible { get => inner.DesignTimeVisible; set => inner.DesignTimeVisible = value; }

    public override UpdateRowSource UpdatedRowSource { get => inner.UpdatedRowSource; set => inner.UpdatedRowSource = value; }

    protected override DbConnection? DbConnection { get => connection; set => throw new NotSupportedException(); }

    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbTransaction? DbTransaction { get => inner.Transaction; set => inner.Transaction = value; }

    public override void Cancel() => inner.Cancel();

    public override void Prepare() => inner.Prepare();

    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    public override int ExecuteNonQuery()
    {
        var rows = inner.ExecuteNonQuery();
        ThrowIfFaultPlanned();
        return rows;
    }

    public override object? ExecuteScalar()
    {
        var value = inner.ExecuteScalar();
        ThrowIfFaultPlanned();
        return value;
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => inner.ExecuteReader(behavior);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ThrowIfFaultPlanned()
    {
        if (failAfterExecuting(inner.CommandText))
        {
            throw new TimeoutException($"Injected: reply lost after '{inner.CommandText}'.");
        }
    }
}
