using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Scan;

/// <summary>The key tuples of one equality delete file, matched against rows by the positions of its equality columns.</summary>
internal sealed class EqualityDeleteSet
{
    private readonly int[] _rowIndexes;
    private readonly HashSet<StructValue> _keys;

    public EqualityDeleteSet(int[] rowIndexes, IEnumerable<StructValue> keys)
    {
        _rowIndexes = rowIndexes;
        _keys = [.. keys];
    }

    public bool Deletes(object?[] row)
    {
        var key = new object?[_rowIndexes.Length];
        for (var i = 0; i < _rowIndexes.Length; i++)
        {
            key[i] = row[_rowIndexes[i]];
        }

        return _keys.Contains(new StructValue(key));
    }
}
