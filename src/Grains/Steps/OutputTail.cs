using System.Text;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// Keeps the last <c>capacity</c> characters of a stream of text: a process may print gigabytes, but only its end
/// (where errors and summaries usually are) is worth reporting. Thread-safe for one writer and concurrent readers.
/// </summary>
internal sealed class OutputTail
{
    private readonly int _capacity;
    private readonly StringBuilder _buffer = new();
    private bool _truncated;

    public OutputTail(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        lock (_buffer)
        {
            _buffer.Append(text);
            // Trim in bulk (at twice the capacity) so appending stays amortized O(length) instead of shifting on every write.
            if (_buffer.Length > 2 * _capacity)
            {
                _buffer.Remove(0, _buffer.Length - _capacity);
                _truncated = true;
            }
        }
    }

    /// <summary>Whether text was dropped from the start.</summary>
    public bool Truncated
    {
        get
        {
            lock (_buffer)
            {
                return _truncated || _buffer.Length > _capacity;
            }
        }
    }

    public override string ToString()
    {
        lock (_buffer)
        {
            return _buffer.Length > _capacity ? _buffer.ToString(_buffer.Length - _capacity, _capacity) : _buffer.ToString();
        }
    }
}
