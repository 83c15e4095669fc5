using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Personalize.Api.GraphQL;

namespace Personalize.Api.Http;

/// <summary>
/// Parsed-and-validated documents keyed by query text, so a repeated query skips parsing and the core validation rules.
/// The rules beyond the core ones (depth/complexity, GET-only-queries) still run on a cached document.
/// </summary>
public sealed class DocumentCache : IConfigureExecution, IDisposable
{
    /// <summary>The error of a document the parser cannot read: too deeply nested, or input its error reporting trips
    /// over.</summary>
    public static ExecutionError Unreadable =>
        new("The document could not be parsed (too deeply nested, or malformed).") { Code = "SYNTAX_ERROR" };

    private readonly MemoryCache _documents;
    private readonly IDocumentBuilder _parser;
    private long _hits;

    public DocumentCache(IOptions<GraphQLOptions> options, IDocumentBuilder parser)
    {
        _documents = new MemoryCache(
            new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.DocumentCacheSize) }
        );
        _parser = parser;
    }

    /// <summary>Requests served from the cache since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    // After the option configurations (100), so ValidationRules already hold the rules added by AddComplexityAnalyzer.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var query = options.Query;
        if (options.Document is not null || string.IsNullOrEmpty(query))
            return await next(options);

        if (_documents.TryGetValue(query, out GraphQLDocument? cached))
        {
            Interlocked.Increment(ref _hits);
            options.Document = cached;
            // DocumentExecuter validates with ValidationRules whatever the document's source
            // (CachedDocumentValidationRules is only read by GraphQL.MemoryCache), so a hit must drop the core rules
            // here or it pays for them again.
            options.ValidationRules =
            [
                .. (options.ValidationRules ?? DocumentValidator.CoreRules).Except(DocumentValidator.CoreRules),
            ];
            return await next(options);
        }

        // Parsed here rather than by the executer, so that whatever the parser throws is known to come from it. A
        // syntax error is left to the executer, which reports it with its location.
        try
        {
            options.Document = _parser.Build(query);
        }
        catch (GraphQLParserException) { }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ExecutionResult { Errors = [Unreadable] };
        }
        var result = await next(options);
        if (result.Executed && result.Document is { } document)
            Store(query, document);
        return result;
    }

    /// <summary>A document's share of the cache: one unit per this many characters of query text (real operations take
    /// one).</summary>
    public const int CharactersPerUnit = 4_096;

    /// <summary>Caches <paramref name="document"/> as the parsed form of <paramref name="query"/>.</summary>
    public void Store(string query, GraphQLDocument document) =>
        _documents.Set(query, document, new MemoryCacheEntryOptions { Size = 1 + query.Length / CharactersPerUnit });

    public void Dispose() => _documents.Dispose();
}
