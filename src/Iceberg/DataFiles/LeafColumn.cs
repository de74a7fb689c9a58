namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>One leaf column of a row group as read: compact non-null values plus levels, consumed by a cursor.</summary>
internal sealed class LeafColumn(object?[] values, int[]? definitions, int[]? repetitions, int count, int maxDefinition)
{
    private int _cursor;
    private int _valueCursor;

    public bool HasNext => _cursor < count;

    public int PeekDefinition => definitions is null ? maxDefinition : definitions[_cursor];

    public int PeekRepetition => repetitions is null ? 0 : repetitions[_cursor];

    /// <summary>Consumes one level entry, returning its value when it is defined at the leaf.</summary>
    public object? Consume()
    {
        var def = PeekDefinition;
        _cursor++;
        return def == maxDefinition ? values[_valueCursor++] : null;
    }
}
