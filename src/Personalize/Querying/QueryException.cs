namespace Personalize.Querying;

/// <summary>An argument (filter, sort, cursor, page size) that cannot be applied; <see cref="Path"/> says where, e.g.
/// "where.and[1].totalSpent.gte".</summary>
public sealed class QueryException(string path, string message) : Exception($"{path}: {message}")
{
    public string Path { get; } = path;
    public string Reason { get; } = message;
}
