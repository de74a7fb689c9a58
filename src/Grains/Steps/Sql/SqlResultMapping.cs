using System.Data;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// How a query's result columns land in the target table: each column maps by name to a top-level target field of a
/// compatible type (the same type, or a promotion Iceberg allows: int → long, float → double, decimal(P,S) →
/// decimal(P',S) with P' ≥ P). Target fields the query does not return are written as nulls, so they must be optional.
/// </summary>
internal sealed class SqlResultMapping
{
    private readonly int[] _fieldIndexOfColumn;
    private readonly PrimitiveType[] _fieldTypeOfColumn;
    private readonly string[] _columnNames;
    private readonly int _fieldCount;

    private SqlResultMapping(int[] fieldIndexOfColumn, PrimitiveType[] fieldTypeOfColumn, string[] columnNames, int fieldCount)
    {
        _fieldIndexOfColumn = fieldIndexOfColumn;
        _fieldTypeOfColumn = fieldTypeOfColumn;
        _columnNames = columnNames;
        _fieldCount = fieldCount;
    }

    /// <summary>The schema of a new target table made from the result's columns (ids 1..n, all optional: DuckDB does not say what is never null).</summary>
    public static Schema SchemaForNewTable(IReadOnlyList<SqlResultColumn> columns, string stepId)
    {
        if (columns.Count == 0)
        {
            throw new StepFailedException($"SQL step '{stepId}': the query returns no columns.");
        }

        var fields = new List<NestedField>(columns.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (!names.Add(column.Name))
            {
                throw new StepFailedException($"SQL step '{stepId}': the query returns the column '{column.Name}' twice; give each column its own name with AS.");
            }

            var type = DuckDbTypes.ToIceberg(column.DuckDbType) ?? throw Unsupported(stepId, column);
            fields.Add(NestedField.OptionalField(i + 1, column.Name, type));
        }

        return new Schema(0, fields);
    }

    /// <summary>Maps the result onto <paramref name="target"/>; throws <see cref="StepFailedException"/> naming every mismatch.</summary>
    public static SqlResultMapping Create(IReadOnlyList<SqlResultColumn> columns, Schema target, string targetName, string stepId)
    {
        var problems = new List<string>();
        var fieldIndex = new int[columns.Count];
        var fieldType = new PrimitiveType[columns.Count];
        var used = new HashSet<int>();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var index = FindField(target, column.Name);
            if (index < 0)
            {
                problems.Add($"column '{column.Name}' is not in the table");
                continue;
            }

            var field = target.Fields[index];
            if (!used.Add(index))
            {
                problems.Add($"two result columns map to '{field.Name}'");
                continue;
            }

            var resultType = DuckDbTypes.ToIceberg(column.DuckDbType);
            if (resultType is null)
            {
                problems.Add($"column '{column.Name}' has DuckDB type {column.DuckDbType}, which has no Iceberg type here (cast it, e.g. to VARCHAR)");
                continue;
            }

            if (field.Type is not PrimitiveType targetType || !CanWrite(resultType, targetType))
            {
                problems.Add($"column '{column.Name}' is {column.DuckDbType} (Iceberg {resultType}) but the table's '{field.Name}' is {field.Type}");
                continue;
            }

            fieldIndex[i] = index;
            fieldType[i] = targetType;
        }

        for (var i = 0; i < target.Fields.Count; i++)
        {
            if (target.Fields[i].Required && !used.Contains(i))
            {
                problems.Add($"the table's required column '{target.Fields[i].Name}' is not in the result");
            }
        }

        if (problems.Count > 0)
        {
            throw new StepFailedException(
                $"SQL step '{stepId}': the query's result does not fit target table {targetName}: {string.Join("; ", problems)}. "
                + $"Table columns: {string.Join(", ", target.Fields.Select(f => $"{f.Name} {f.Type}"))}.");
        }

        return new SqlResultMapping(fieldIndex, fieldType, columns.Select(c => c.Name).ToArray(), target.Fields.Count);
    }

    /// <summary>The current row of <paramref name="record"/> as a row of the target schema.</summary>
    public object?[] ReadRow(IDataRecord record)
    {
        var row = new object?[_fieldCount];
        for (var i = 0; i < _fieldIndexOfColumn.Length; i++)
        {
            if (!record.IsDBNull(i))
            {
                row[_fieldIndexOfColumn[i]] = DuckDbValues.ToIceberg(record.GetValue(i), _fieldTypeOfColumn[i], _columnNames[i]);
            }
        }

        return row;
    }

    private static bool CanWrite(PrimitiveType result, PrimitiveType target) =>
        result.Equals(target)
        || (result.TypeId == TypeId.Int && target.TypeId == TypeId.Long)
        || (result.TypeId == TypeId.Float && target.TypeId == TypeId.Double)
        || (result is DecimalType r && target is DecimalType t && r.Scale == t.Scale && r.Precision <= t.Precision)
        || (result.TypeId == TypeId.Binary && target.TypeId == TypeId.Fixed);

    /// <summary>By exact name first; else case-insensitively when that is unambiguous (DuckDB names are case-insensitive).</summary>
    private static int FindField(Schema target, string name)
    {
        for (var i = 0; i < target.Fields.Count; i++)
        {
            if (string.Equals(target.Fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        var matches = Enumerable.Range(0, target.Fields.Count)
            .Where(i => string.Equals(target.Fields[i].Name, name, StringComparison.OrdinalIgnoreCase)).ToArray();
        return matches.Length == 1 ? matches[0] : -1;
    }

    private static StepFailedException Unsupported(string stepId, SqlResultColumn column) =>
        new($"SQL step '{stepId}': result column '{column.Name}' has DuckDB type {column.DuckDbType}, which has no Iceberg type here; cast it in the query (e.g. CAST({column.Name} AS VARCHAR)).");
}
