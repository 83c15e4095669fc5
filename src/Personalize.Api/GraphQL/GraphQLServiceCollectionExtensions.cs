using GraphQL;
using GraphQL.Execution;
using Personalize.Api.Http;
using Personalize.Querying;

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

    /// <summary>Most parsed-and-validated documents kept in the document cache.</summary>
    public int DocumentCacheSize { get; set; } = 2_000;

    /// <summary>When true, only persisted operations (schema/operations, by `documentId` or `id`) are accepted; a `query` text is refused.</summary>
    public bool PersistedOperationsOnly { get; set; }
}

public static class GraphQLServiceCollectionExtensions
{
    public static IServiceCollection AddPersonalizeGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(GraphQLOptions.Section).Get<GraphQLOptions>() ?? new GraphQLOptions();
        services.Configure<GraphQLOptions>(configuration.GetSection(GraphQLOptions.Section));
        services.AddScoped<BatchLoaders>();
        services.AddSingleton<PersistedOperations>();
        services.AddSingleton<DocumentCache>();
        services.AddTransient(typeof(ConnectionType<,>));
        services.AddTransient(typeof(EdgeType<,>));
        services.AddTransient(typeof(PayloadType<,>));
        services.AddGraphQL(b => b
            .AddSchema<PersonalizeSchema>()
            .AddGraphTypes(typeof(PersonalizeSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddComplexityAnalyzer(c => c.MaxDepth = options.MaxDepth)
            .ConfigureExecution(services => services.GetRequiredService<DocumentCache>())
            .AddUnhandledExceptionHandler(ReportUnhandled));
        return services;
    }

    /// <summary>
    /// Bad arguments become clear errors with the argument's path. Anything else is a bug: it is logged with a
    /// correlation id, and the client gets that id and no details (no stack trace, no SQL).
    /// </summary>
    private static void ReportUnhandled(UnhandledExceptionContext context)
    {
        var exception = context.OriginalException;
        if (exception is QueryException query)
        {
            context.Exception = new ExecutionError(query.Message) { Code = "INVALID_ARGUMENT" };
            return;
        }
        if (exception is OperationCanceledException && context.ExecutionOptions.CancellationToken.IsCancellationRequested)
            return;
        var correlationId = CorrelationIds.Current;
        var services = context.ExecutionOptions.RequestServices;
        services?.GetService<ILoggerFactory>()?.CreateLogger("Personalize.GraphQL")
            .LogError(exception, "Unhandled error in {Field} (correlation id {CorrelationId})", context.FieldContext?.FieldDefinition.Name ?? "(document)", correlationId);
        var error = new ExecutionError($"An unexpected error occurred; quote correlation id {correlationId} when reporting it.") { Code = "INTERNAL_ERROR" };
        error.Data["correlationId"] = correlationId;
        context.Exception = error;
    }
}
