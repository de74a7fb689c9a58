using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Input;

/// <summary>
/// Matches input column names to the table's top-level fields and checks a row is complete: every input column
/// is known, every required field is present and not null.
/// </summary>
internal sealed class ColumnMap
{
    private readonly Schema _schema;
    private readonly string _file;

    public ColumnMap(Schema schema, string file)
    {
        _schema = schema;
        _file = file;
    }

    public IReadOnlyList<NestedField> Fields => _schema.Fields;

    /// <summary>The field index of an input column, or a <see cref="RowParseException"/> naming the unknown column.</summary>
    public int IndexOf(string column, long line)
    {
        for (var i = 0; i < _schema.Fields.Count; i++)
        {
            if (_schema.Fields[i].Name == column)
            {
                return i;
            }
        }

        throw new RowParseException(_file, line, column, null,
            $"unknown column; the table's columns are {string.Join(", ", _schema.Fields.Select(f => f.Name))}");
    }

    /// <summary>Checks that the columns an input provides cover every required field (CSV header, Parquet schema).</summary>
    public void RequireColumns(IEnumerable<int> provided, long line)
    {
        var present = provided.ToHashSet();
        var missing = _schema.Fields.Where((f, i) => f.Required && !present.Contains(i)).Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new RowParseException(_file, line, missing[0], null, $"required column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} missing");
        }
    }

    /// <summary>Checks that no required field of a finished row is null.</summary>
    public void CheckRequired(object?[] row, long line)
    {
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] is null && _schema.Fields[i].Required)
            {
                throw new RowParseException(_file, line, _schema.Fields[i].Name, null, "required column is missing or null");
            }
        }
    }

    /// <summary>Converts one input value, turning a parse failure into a message with file, line, column and value.</summary>
    public object? Convert(int index, string? shownValue, long line, Func<IcebergType, object?> convert)
    {
        var field = _schema.Fields[index];
        try
        {
            return convert(field.Type);
        }
        catch (FormatException e)
        {
            throw new RowParseException(_file, line, field.Name, shownValue, e.Message);
        }
        catch (InvalidCastException e)
        {
            throw new RowParseException(_file, line, field.Name, shownValue, $"not a valid {field.Type}: {e.Message}");
        }
        catch (OverflowException e)
        {
            throw new RowParseException(_file, line, field.Name, shownValue, $"not a valid {field.Type}: {e.Message}");
        }
    }
}
