using System.Net.Mime;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Personalize.Api.GraphQL;
using Personalize.Api.Security;
using Personalize.Api.Telemetry;

namespace Personalize.Api.Http;

/// <summary>
/// GraphQL over HTTP (graphql.github.io/graphql-over-http): POST with application/json (a JSON array is a batch) or
/// application/graphql, GET for queries, responses as application/graphql-response+json or application/json.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    IDocumentExecuter<PersonalizeSchema> executer,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLOptions> options,
    PersistedOperations persistedOperations,
    OperationLimits operationLimits,
    IHostEnvironment environment,
    PersonalizeSchema schema,
    GraphQLStreams streams
)
{
    public const string Path = "/graphql";
    private const string GraphQLResponseJson = "application/graphql-response+json";

    public async Task HandleAsync(HttpContext context)
    {
        var limits = options.Value;
        var request = context.Request;
        if (context.WebSockets.IsWebSocketRequest)
        {
            await streams.ServeWebSocketAsync(context, (operation, ct) =>
                ResolvePersistedOperations([operation], limits.PersistedOperationsOnly) is { } refusal
                    ? Task.FromResult(new ExecutionResult { Errors = [new ExecutionError(refusal)] })
                    : ExecuteStreamAsync(context, operation, ct)
            );
            return;
        }
        var eventStream = GraphQLStreams.WantsEventStream(request);
        var responseType = eventStream ? MediaTypeNames.Application.Json : ChooseResponseType(request);
        if (responseType is null)
        {
            await WriteErrorAsync(
                context,
                StatusCodes.Status406NotAcceptable,
                MediaTypeNames.Application.Json,
                "The Accept header allows neither application/graphql-response+json nor application/json."
            );
            return;
        }

        if (request.ContentLength > limits.MaxRequestBytes)
        {
            await WriteErrorAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                responseType,
                $"The request body is larger than {limits.MaxRequestBytes} bytes."
            );
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = limits.MaxRequestBytes;

        GraphQLRequest[] operations;
        bool isBatch;
        try
        {
            (operations, isBatch) = HttpMethods.IsGet(request.Method)
                ? (ReadQueryString(request), false)
                : await ReadBodyAsync(
                    request,
                    new BoundedBody(request.Body, limits.MaxRequestBytes),
                    context.RequestAborted
                );
        }
        catch (Exception e) when (BoundedBody.IsTooLarge(e))
        {
            await WriteErrorAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                responseType,
                $"The request body is larger than {limits.MaxRequestBytes} bytes."
            );
            return;
        }
        catch (UnsupportedMediaTypeException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, responseType, e.Message);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await WriteErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                responseType,
                $"The request could not be read: {Unreadable(e)}"
            );
            return;
        }

        if (operations.Length == 0 || operations.Length > limits.MaxBatchSize)
        {
            await WriteErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                responseType,
                $"A batch holds 1 to {limits.MaxBatchSize} operations; this one holds {operations.Length}."
            );
            return;
        }
        if (ResolvePersistedOperations(operations, limits.PersistedOperationsOnly) is { } refusal)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, responseType, refusal);
            return;
        }

        if (eventStream)
        {
            if (isBatch)
                await WriteErrorAsync(
                    context,
                    StatusCodes.Status400BadRequest,
                    responseType,
                    "A text/event-stream request holds one operation."
                );
            else
                await streams.ServeEventStreamAsync(
                    context,
                    await ExecuteStreamAsync(context, operations[0], context.RequestAborted)
                );
            return;
        }

        var results = new ExecutionResult[operations.Length];
        for (var i = 0; i < operations.Length; i++)
            results[i] = await ExecuteAsync(context, operations[i]);
        if (results.Any(r => r.Streams is { Count: > 0 }))
        {
            await WriteErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                responseType,
                $"A subscription needs `Accept: {GraphQLStreams.EventStream}` or a WebSocket with the subprotocol "
                    + $"{GraphQLStreams.WebSocketProtocol}."
            );
            return;
        }

        var status = StatusCodes.Status200OK;
        if (!isBatch)
        {
            if (results[0].Errors?.Any(e => e is GetMutationError) == true)
            {
                context.Response.Headers.Allow = "POST";
                status = StatusCodes.Status405MethodNotAllowed;
            }
            else if (!results[0].Executed && responseType == GraphQLResponseJson)
                status = StatusCodes.Status400BadRequest;
            else if (OperationLimits.StatusFor(results[0]) is { } limitStatus)
            {
                status = limitStatus;
                if (status == StatusCodes.Status503ServiceUnavailable)
                    context.Response.Headers.RetryAfter = "1";
            }
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = $"{responseType}; charset=utf-8";
        if (isBatch)
            await serializer.WriteAsync(context.Response.Body, results, context.RequestAborted);
        else
            await serializer.WriteAsync(context.Response.Body, results[0], context.RequestAborted);
    }

    /// <summary>Replaces each `documentId`/`id` by its persisted query text; returns why the request is refused, if it
    /// is.</summary>
    private string? ResolvePersistedOperations(GraphQLRequest[] operations, bool persistedOnly)
    {
        foreach (var operation in operations)
        {
            var hasQuery = !string.IsNullOrWhiteSpace(operation.Query);
            if (operation.DocumentId is { } id)
            {
                if (hasQuery)
                    return "Send either `query` or `documentId`/`id`, not both.";
                if (!persistedOperations.TryGetQuery(id, out var query))
                    return $"Unknown persisted document `{id}`.";
                operation.Query = query;
                operation.DocumentId = null;
            }
            else if (!hasQuery)
                return "The request has no `query` (nor `documentId`/`id`).";
            else if (persistedOnly)
                return "Only persisted operations are accepted: send `documentId` (sha256:<hex>) or `id` instead of "
                    + "`query`.";
        }
        return null;
    }

    private async Task<ExecutionResult> ExecuteAsync(HttpContext context, GraphQLRequest operation)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var activity = GraphQLTelemetry.Start(operation);
        using var timeout = operationLimits.StartTimeout(context.RequestAborted);
        ExecutionResult result;
        try
        {
            result = await executer.ExecuteAsync(Options(context, operation, timeout.Token));
        }
        catch (OperationCanceledException) when (TimedOut())
        {
            result = operationLimits.TimedOut();
        }
        // A statement interrupted by the deadline can surface as a field error (SQLite: "interrupted") instead of a
        // cancellation.
        if (TimedOut() && result.Errors is { Count: > 0 })
            result = operationLimits.TimedOut();
        Reword(result);
        GraphQLTelemetry.Stop(activity, result, started);
        return result;

        bool TimedOut() => timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested;
    }

    /// <summary>An operation whose result may be a stream (a subscription): it lives as long as its connection, not the
    /// execution timeout.</summary>
    private async Task<ExecutionResult> ExecuteStreamAsync(
        HttpContext context,
        GraphQLRequest operation,
        CancellationToken cancellationToken
    )
    {
        var result = await executer.ExecuteAsync(Options(context, operation, cancellationToken));
        Reword(result);
        return result;
    }

    // Hints name parts of the schema: where introspection is off by default, so are they.
    private void Reword(ExecutionResult result)
    {
        if (options.Value.SuggestNames ?? !environment.IsProduction())
            EnumValueHints.Add(result, schema);
        else
            NameSuggestions.Remove(result);
    }

    private ExecutionOptions Options(HttpContext context, GraphQLRequest operation, CancellationToken cancellationToken)
    {
        IEnumerable<IValidationRule> rules =
        [
            .. DocumentValidator.CoreRules,
            ScopeRule.Instance,
            .. operationLimits.ValidationRules,
        ];
        if (HttpMethods.IsGet(context.Request.Method) && !context.WebSockets.IsWebSocketRequest)
            rules = [.. rules, new OnlyQueriesOverGet()];
        return new ExecutionOptions
        {
            Query = operation.Query,
            OperationName = operation.OperationName,
            Variables = operation.Variables,
            Extensions = operation.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = cancellationToken,
            ValidationRules = rules,
        };
    }

    private GraphQLRequest[] ReadQueryString(HttpRequest request)
    {
        string? Param(string name) =>
            request.Query.TryGetValue(name, out var v) && v.Count > 0 && v[0] is { Length: > 0 } s ? s : null;
        return
        [
            new GraphQLRequest
            {
                Query = Param("query"),
                OperationName = Param("operationName"),
                Variables = Param("variables") is { } variables ? serializer.Deserialize<Inputs>(variables) : null,
                Extensions = Param("extensions") is { } extensions ? serializer.Deserialize<Inputs>(extensions) : null,
                DocumentId = Param("documentId") ?? Param("id"),
            },
        ];
    }

    private async Task<(GraphQLRequest[] Operations, bool IsBatch)> ReadBodyAsync(
        HttpRequest request,
        Stream body,
        CancellationToken cancellationToken
    )
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
            throw new UnsupportedMediaTypeException("Send the request as Content-Type: application/json.");
        if (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException($"Only utf-8 is supported, not {contentType.Charset}.");

        if (contentType.MediaType.Equals("application/graphql", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(body);
            return ([new GraphQLRequest { Query = await reader.ReadToEndAsync(cancellationToken) }], false);
        }
        if (!contentType.MediaType.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException(
                $"Content-Type {contentType.MediaType} is not supported; send application/json."
            );

        var read = await serializer.ReadAsync<GraphQLRequestBody>(body, cancellationToken)
            ?? throw new EmptyBodyException();
        return (read.Operations, read.IsBatch);
    }

    /// <summary>application/graphql-response+json when the client accepts it; application/json when it asks for that,
    /// */* or nothing.</summary>
    private static string? ChooseResponseType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
            return MediaTypeNames.Application.Json;
        foreach (var type in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (type.Quality == 0)
                continue;
            var name = type.MediaType.Value ?? "";
            if (name.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
                return GraphQLResponseJson;
            if (
                name.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
                || name is "*/*" or "application/*"
            )
                return MediaTypeNames.Application.Json;
        }
        return null;
    }

    private async Task WriteErrorAsync(HttpContext context, int status, string contentType, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = $"{contentType}; charset=utf-8";
        await serializer.WriteAsync(
            context.Response.Body,
            new ExecutionResult { Errors = [new ExecutionError(message) { Code = "BAD_REQUEST" }], Executed = false },
            context.RequestAborted
        );
    }

    /// <summary>Why a body could not be read, in the client's terms: where the JSON breaks, never a .NET type or
    /// message.</summary>
    private static string Unreadable(Exception e) =>
        e switch
        {
            System.Text.Json.JsonException { LineNumber: { } line, BytePositionInLine: { } position } =>
                $"the JSON is malformed or of the wrong shape at line {line + 1}, byte {position + 1}"
                    + (e is System.Text.Json.JsonException { Path: { Length: > 0 } path } ? $" ({path})." : "."),
            EmptyBodyException => "the body is empty.",
            _ => "the body is not a GraphQL request (a JSON object with `query`, or an array of them).",
        };

    private sealed class GetMutationError(ValidationContext context, GraphQLOperationDefinition operation)
        : ValidationError(
            context.Document.Source,
            null,
            $"{operation.Operation.ToString().ToLowerInvariant()} operations are only accepted with POST.",
            operation
        );

    private sealed class UnsupportedMediaTypeException(string message) : Exception(message);

    private sealed class EmptyBodyException : Exception;

    /// <summary>A mutation sent with GET is refused (405): GET must be safe, and caches or prefetchers may replay
    /// it.</summary>
    private sealed class OnlyQueriesOverGet : ValidationRuleBase
    {
        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
        {
            if (context.Operation.Operation != OperationType.Query)
                context.ReportError(new GetMutationError(context, context.Operation));
            return default;
        }
    }
}
