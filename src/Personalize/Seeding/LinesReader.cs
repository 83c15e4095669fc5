namespace Personalize.Seeding;

/// <summary>A <see cref="TextReader"/> over lines produced on demand, so generated CSV streams into the
/// importer.</summary>
internal sealed class LinesReader(IEnumerable<string> lines) : TextReader
{
    private readonly IEnumerator<string> _lines = lines.GetEnumerator();
    private string _current = "";
    private int _position;

    public override int Peek() => Fill() ? _current[_position] : -1;

    public override int Read() => Fill() ? _current[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length && Fill())
        {
            var n = Math.Min(buffer.Length - written, _current.Length - _position);
            _current.AsSpan(_position, n).CopyTo(buffer[written..]);
            (_position, written) = (_position + n, written + n);
        }
        return written;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) =>
        Task.FromResult(Read(buffer, index, count));

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    private bool Fill()
    {
        while (_position >= _current.Length)
        {
            if (!_lines.MoveNext())
                return false;
            (_current, _position) = (_lines.Current + "\n", 0);
        }
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _lines.Dispose();
        base.Dispose(disposing);
    }
}
