namespace Personalize.Querying;

/// <summary>Relay-style slicing arguments of a connection.</summary>
/// <param name="IncludeOppositePage">Whether to find out if rows exist before `after` (or after `before`); costs one more statement.</param>
public sealed record PageRequest(
    int? First = null,
    string? After = null,
    int? Last = null,
    string? Before = null,
    bool IncludeOppositePage = false
)
{
    public bool IsBackward => Last is not null || (First is null && Before is not null);

    /// <exception cref="QueryException">Both first and last, a negative size, or more than the maximum.</exception>
    public int Size(PagingOptions options)
    {
        if (First is not null && Last is not null)
            throw new QueryException("last", "use either first (with after) or last (with before), not both.");
        if (First is < 0)
            throw new QueryException("first", "must be zero or more.");
        if (Last is < 0)
            throw new QueryException("last", "must be zero or more.");
        var size = First ?? Last ?? options.DefaultPageSize;
        if (size > options.MaxPageSize)
            throw new QueryException(
                First is not null ? "first" : "last",
                $"at most {options.MaxPageSize} rows per page; got {size}."
            );
        return size;
    }
}

/// <summary>Bound from the "Paging" section.</summary>
public sealed class PagingOptions
{
    public const string Section = "Paging";

    /// <summary>Rows in a page when neither first nor last is given.</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>The largest first/last accepted (an email send reads pages of up to this many customers).</summary>
    public int MaxPageSize { get; set; } = 5000;
}

/// <summary>Where a page stands in its list, whatever its row type.</summary>
public interface IPageInfo
{
    bool HasNextPage { get; }
    bool HasPreviousPage { get; }
    string? StartCursor { get; }
    string? EndCursor { get; }
}

/// <summary>A slice of rows, each with its cursor.</summary>
public sealed record Page<T>(IReadOnlyList<Edge<T>> Edges, bool HasNextPage, bool HasPreviousPage) : IPageInfo
{
    public static readonly Page<T> Empty = new([], false, false);

    public string? StartCursor => Edges.Count > 0 ? Edges[0].Cursor : null;
    public string? EndCursor => Edges.Count > 0 ? Edges[^1].Cursor : null;
}

public sealed record Edge<T>(T Node, string Cursor);
