using System.Runtime.CompilerServices;
using OrleansMaestro.Iceberg.Expressions;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Iceberg.Scan;

/// <summary>What full and incremental scans share: the projection, the filter, and reading rows with deletes applied.</summary>
public abstract class ScanBase<TSelf>
    where TSelf : ScanBase<TSelf>
{
    private IReadOnlyList<string>? _columns;

    private protected ScanBase(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
    }

    public Table Table { get; }

    /// <summary>The schema of the rows the scan returns: the table's current schema, or the selected columns of it.</summary>
    public Schema Schema
    {
        get
        {
            var schema = Table.Schema;
            if (_columns is null)
            {
                return schema;
            }

            var fields = _columns.Select(c => schema.FindField(c) is { } f && schema.Fields.Contains(f)
                ? f
                : throw new ArgumentException($"Column '{c}' does not exist in table {Table.Identifier}.")).ToArray();
            return new Schema(schema.SchemaId, fields);
        }
    }

    private protected ScanFilter RowFilter { get; set; } = ScanFilter.None;

    /// <summary>
    /// Keeps rows matching the filter (e.g. <c>Expression.Parse("id &gt; 5 and category = 'a'")</c>); manifests and files
    /// that cannot match are pruned during planning.
    /// </summary>
    public TSelf Filter(Expression filter)
    {
        RowFilter = ScanFilter.For(Table.Metadata, filter);
        return (TSelf)this;
    }

    /// <summary>Returns only these top-level columns, in this order.</summary>
    public TSelf Select(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns;
        _ = Schema; // validate now, with an error naming the column
        return (TSelf)this;
    }

    public abstract Task<IReadOnlyList<FileScanTask>> PlanFilesAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the planned files' rows (aligned with <see cref="Schema"/>), with deletes and the filter applied.</summary>
    public async IAsyncEnumerable<object?[]> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var projection = Schema;
        var tasks = await PlanFilesAsync(cancellationToken);

        // Other columns are decoded only when something checks them (the row filter, equality deletes' key columns):
        // otherwise a one-column projection would cost as much as reading every column.
        var checksRows = !RowFilter.IsNone || tasks.Any(t => t.Deletes.Any(d => d.Content == DataFileContent.EqualityDeletes));
        var readSchema = checksRows ? WithFilterColumns(projection) : projection;
        var deletes = new DeleteLoader(Table.IO, readSchema);
        var nameMapping = NameMapping.FromTableProperties(Table.Metadata.Properties);
        foreach (var task in tasks)
        {
            var positions = await deletes.PositionsForAsync(task, cancellationToken);
            var equality = await deletes.EqualityForAsync(task, cancellationToken);
            long position = 0;
            await foreach (var row in DataFileIO.ReadRowsAsync(Table.IO, task.File, readSchema, Table.Metadata.SpecById(task.File.SpecId), nameMapping, cancellationToken))
            {
                var pos = position++;
                if (positions is not null && positions.Contains(pos))
                {
                    continue;
                }

                if (equality.Count > 0 && equality.Any(e => e.Deletes(row)))
                {
                    continue;
                }

                if (!RowFilter.IsNone && !RowFilter.Matches(id => row[readSchema.Struct.IndexOf(id)]))
                {
                    continue;
                }

                yield return readSchema.Fields.Count == projection.Fields.Count ? row : row[..projection.Fields.Count];
            }
        }
    }

    /// <summary>Appends the columns the filter and equality deletes need but the projection lacks, so rows can be checked.</summary>
    private Schema WithFilterColumns(Schema projection)
    {
        var table = Table.Schema;
        var extra = table.Fields.Where(f => !projection.Fields.Contains(f)).ToArray();
        return extra.Length == 0 ? projection : new Schema(projection.SchemaId, [.. projection.Fields, .. extra]);
    }
}
