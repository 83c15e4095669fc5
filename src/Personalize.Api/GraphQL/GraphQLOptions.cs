namespace Personalize.Api.GraphQL;

/// <summary>Bound from the "GraphQL" section.</summary>
public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest request body accepted, in bytes (413 beyond).</summary>
    public long MaxRequestBytes { get; set; } = 1_048_576;

    /// <summary>Deepest selection nesting accepted.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Most operations in one batched (JSON array) request.</summary>
    public int MaxBatchSize { get; set; } = 20;

    /// <summary>
    /// Most parsed-and-validated documents kept in the document cache; a document counts once per <see
    /// cref="Http.DocumentCache.CharactersPerUnit"/> characters of query text, so huge documents cannot fill memory.
    /// </summary>
    public int DocumentCacheSize { get; set; } = 2_000;

    /// <summary>Highest cost of one operation: each field costs 1, times the page sizes (`first`/`last`) of the lists
    /// above it.</summary>
    public int MaxComplexity { get; set; } = 500_000;

    /// <summary>Most aliased fields in one document (aliases repeat work: `a1: customers … a99: customers`).</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Longest one operation may run before it is cancelled (504).</summary>
    public int ExecutionTimeoutMs { get; set; } = 10_000;

    /// <summary>Whether introspection (`__schema`, `__type`) is answered in Production; always outside it.</summary>
    public bool AllowIntrospection { get; set; }

    /// <summary>
    /// Whether error messages suggest names ("Did you mean 'email'?"); null: outside Production only, where
    /// suggestions would otherwise reveal the schema that turning introspection off hides.
    /// </summary>
    public bool? SuggestNames { get; set; }

    /// <summary>When true, only persisted operations (schema/operations, by `documentId` or `id`) are accepted; a
    /// `query` text is refused.</summary>
    public bool PersistedOperationsOnly { get; set; }
}
