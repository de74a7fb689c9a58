namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// Write-only pass-through stream that counts bytes and, once <see cref="StartCapture"/> is called, holds back
/// everything written (the Parquet footer) so the writer can patch it before it reaches the real output.
/// </summary>
internal sealed class FooterCaptureStream(Stream inner) : Stream
{
    private MemoryStream? _captured;
    private long _position;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _position;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes passed through to the real output so far.</summary>
    public long PassedThrough { get; private set; }

    public void StartCapture() => _captured = new MemoryStream();

    public byte[] TakeCaptured()
    {
        var bytes = _captured?.ToArray() ?? [];
        _captured = null;
        return bytes;
    }

    public async Task WriteThroughAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(bytes, cancellationToken);
        PassedThrough += bytes.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _position += buffer.Length;
        if (_captured is not null)
        {
            _captured.Write(buffer);
            return;
        }

        inner.Write(buffer);
        PassedThrough += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _position += buffer.Length;
        if (_captured is not null)
        {
            _captured.Write(buffer.Span);
            return;
        }

        await inner.WriteAsync(buffer, cancellationToken);
        PassedThrough += buffer.Length;
    }

    public override void Flush()
    {
        if (_captured is null)
        {
            inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _captured is null ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
