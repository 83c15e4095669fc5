using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation.Complexity;
using Personalize.Api.Http;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Api.GraphQL;

public static class GraphQLServiceCollectionExtensions
{
    public static IServiceCollection AddPersonalizeGraphQL(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        var options = configuration.GetSection(GraphQLOptions.Section).Get<GraphQLOptions>() ?? new GraphQLOptions();
        services.Configure<GraphQLOptions>(configuration.GetSection(GraphQLOptions.Section));
        services.AddScoped<BatchLoaders>();
        services.AddSingleton<PersistedOperations>();
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<OperationLimits>();
        services.AddTransient(typeof(ConnectionType<,>));
        services.AddTransient(typeof(EdgeType<,>));
        services.AddTransient(typeof(PayloadType<,>));
        services.AddGraphQL(b =>
            b.AddSchema<PersonalizeSchema>()
                .AddGraphTypes(typeof(PersonalizeSchema).Assembly)
                .AddSystemTextJson(json =>
                    json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
                )
                .AddComplexityAnalyzer(c =>
                {
                    c.MaxDepth = options.MaxDepth;
                    c.MaxComplexity = options.MaxComplexity;
                    // Introspection is bounded by the schema's size (and off in Production): it is not a cost to ration.
                    var standard = c.DefaultComplexityImpactDelegate;
                    c.DefaultComplexityImpactDelegate = field =>
                        field.ParentType.Name.StartsWith("__", StringComparison.Ordinal)
                        || field.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal)
                            ? new FieldComplexityResult(0, 1)
                            : standard(field);
                })
                .ConfigureExecution(services => services.GetRequiredService<DocumentCache>())
                .AddUnhandledExceptionHandler(ReportUnhandled)
        );
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
        if (
            exception is OperationCanceledException
            && context.ExecutionOptions.CancellationToken.IsCancellationRequested
        )
            return;
        if (context.FieldContext is null && exception is GraphQLParser.Exceptions.GraphQLParserException)
        {
            context.Exception = DocumentCache.Unreadable;
            return;
        }
        if (DatabaseFaults.IsUnavailable(exception))
        {
            context
                .ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()
                ?.CreateLogger("Personalize.GraphQL")
                .LogWarning(
                    "Database unavailable in {Field} ({Error}; correlation id {CorrelationId})",
                    context.FieldContext?.FieldDefinition.Name ?? "(document)",
                    exception.GetType().Name,
                    CorrelationIds.Current
                );
            context.Exception = new ExecutionError("The database is unavailable; retry shortly.")
            {
                Code = OperationLimits.ServiceUnavailableCode,
            };
            return;
        }
        var correlationId = CorrelationIds.Current;
        var services = context.ExecutionOptions.RequestServices;
        services
            ?.GetService<ILoggerFactory>()
            ?.CreateLogger("Personalize.GraphQL")
            .LogError(
                exception,
                "Unhandled error in {Field} (correlation id {CorrelationId})",
                context.FieldContext?.FieldDefinition.Name ?? "(document)",
                correlationId
            );
        var error = new ExecutionError(
            $"An unexpected error occurred; quote correlation id {correlationId} when reporting it."
        )
        {
            Code = "INTERNAL_ERROR",
        };
        error.Data["correlationId"] = correlationId;
        context.Exception = error;
    }
}
