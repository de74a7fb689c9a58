using OrleansMaestro.Iceberg.Spec;
using Parquet;
using Parquet.Schema;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>Buffers one Parquet leaf column of the current row group (values, levels) and accumulates its Iceberg metrics.</summary>
internal abstract class LeafWriter(DataField field, PrimitiveType type, int fieldId, string columnName, bool collectBounds)
{
    private int[] _def = new int[1024];
    private int[] _rep = new int[1024];

    public DataField Field { get; } = field;

    public PrimitiveType Type { get; } = type;

    public int FieldId { get; } = fieldId;

    public string ColumnName { get; } = columnName;

    public long ValueCount { get; private set; }

    public long NullCount { get; private set; }

    public long NanCount { get; private set; }

    public object? Lower { get; private set; }

    public object? Upper { get; private set; }

    protected int LevelCount { get; private set; }

    public void AddNull(int rep, int def)
    {
        AddLevels(rep, def);
        ValueCount++;
        NullCount++;
    }

    public void AddValue(int rep, int def, object value)
    {
        AddLevels(rep, def);
        ValueCount++;
        var normalized = Append(value);
        if (normalized is float f && float.IsNaN(f) || normalized is double d && double.IsNaN(d))
        {
            NanCount++;
            return;
        }

        if (collectBounds)
        {
            if (Lower is null || ValueComparer.Compare(Type, normalized, Lower) < 0)
            {
                Lower = normalized;
            }

            if (Upper is null || ValueComparer.Compare(Type, normalized, Upper) > 0)
            {
                Upper = normalized;
            }
        }
    }

    public async Task FlushAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken)
    {
        // Explicit nullable casts: a bare null would convert to an empty ReadOnlyMemory via the array conversion.
        var def = Field.MaxDefinitionLevel > 0 ? _def.AsMemory(0, LevelCount) : (ReadOnlyMemory<int>?)null;
        var rep = Field.MaxRepetitionLevel > 0 ? _rep.AsMemory(0, LevelCount) : (ReadOnlyMemory<int>?)null;
        await WriteValuesAsync(rowGroup, def, rep, cancellationToken);
        LevelCount = 0;
        ClearValues();
    }

    /// <summary>Appends a non-null value and returns it in its normalized Iceberg form (for bounds).</summary>
    protected abstract object Append(object value);

    protected abstract Task WriteValuesAsync(ParquetRowGroupWriter rowGroup, ReadOnlyMemory<int>? def, ReadOnlyMemory<int>? rep, CancellationToken cancellationToken);

    protected abstract void ClearValues();

    private void AddLevels(int rep, int def)
    {
        if (LevelCount == _def.Length)
        {
            Array.Resize(ref _def, _def.Length * 2);
            Array.Resize(ref _rep, _rep.Length * 2);
        }

        _def[LevelCount] = def;
        _rep[LevelCount] = rep;
        LevelCount++;
    }
}
