using OrleansMaestro.Iceberg.Spec;
using Parquet;
using Parquet.Schema;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>A <see cref="LeafWriter"/> whose Parquet.Net value type is <typeparamref name="T"/>.</summary>
internal sealed class LeafWriter<T>(
    DataField field,
    PrimitiveType type,
    int fieldId,
    string columnName,
    bool collectBounds,
    Func<object, (T Parquet, object Iceberg)> convert) : LeafWriter(field, type, fieldId, columnName, collectBounds)
    where T : struct
{
    private T[] _values = new T[1024];
    private int _count;

    protected override object Append(object value)
    {
        var (parquet, iceberg) = convert(value);
        if (_count == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }

        _values[_count++] = parquet;
        return iceberg;
    }

    protected override Task WriteValuesAsync(ParquetRowGroupWriter rowGroup, ReadOnlyMemory<int>? def, ReadOnlyMemory<int>? rep, CancellationToken cancellationToken) =>
        rowGroup.WriteAllPartsAsync<T>(Field, _values.AsMemory(0, _count), def, rep, cancellationToken);

    protected override void ClearValues()
    {
        // Strings and byte arrays are held as ReadOnlyMemory; drop the references between row groups.
        Array.Clear(_values, 0, _count);
        _count = 0;
    }
}
