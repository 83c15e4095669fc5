namespace Personalize.Import.Cdnow;

/// <summary>
/// Presents a file of whitespace-separated fields (runs of spaces or tabs, padded lines) as comma-separated text, one
/// output line per input line so that the CSV reader's line numbers are the file's. Fields must not contain commas.
/// </summary>
internal sealed class WhitespaceSeparatedReader(TextReader inner) : TextReader
{
    private string _line = "";
    private int _position;

    public override int Peek() => Fill() ? _line[_position] : -1;

    public override int Read() => Fill() ? _line[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
            return 0;
        var n = Math.Min(buffer.Length, _line.Length - _position);
        _line.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) =>
        Task.FromResult(Read(buffer, index, count));

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    private bool Fill()
    {
        while (_position >= _line.Length)
        {
            if (inner.ReadLine() is not { } line)
                return false;
            _line = string.Join(',', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) + "\n";
            _position = 0;
        }
        return true;
    }
}
