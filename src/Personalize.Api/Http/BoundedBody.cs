namespace Personalize.Api.Http;

/// <summary>
/// A request body that refuses to be read past a size, whatever the transfer (Content-Length or chunked) and the
/// server (Kestrel's own limit or none, as under a test host).
/// </summary>
public sealed class BoundedBody(Stream inner, long limit) : Stream
{
    private long _read;

    /// <summary>True when <paramref name="exception"/>, or one it wraps, says the body was over the limit.</summary>
    public static bool IsTooLarge(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is TooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                return true;
        return false;
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(
        Memory<byte> buffer,
        CancellationToken cancellationToken = default
    ) => Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new TooLargeException() : read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private sealed class TooLargeException : IOException;
}
