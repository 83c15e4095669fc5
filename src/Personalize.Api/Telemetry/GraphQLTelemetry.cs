using System.Diagnostics;
using System.Diagnostics.Metrics;
using GraphQL;
using GraphQL.Transport;

namespace Personalize.Api.Telemetry;

/// <summary>
/// A span per GraphQL operation (its name and type, never its variables) and two metrics: operations by outcome,
/// and their duration. Exported over OTLP when OpenTelemetry:Endpoint is set (see TelemetryExtensions).
/// </summary>
public static class GraphQLTelemetry
{
    public const string Name = "Personalize.GraphQL";
    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Operations = Meter.CreateCounter<long>(
        "graphql.operations",
        description: "GraphQL operations executed, by type and outcome."
    );
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "graphql.operation.duration",
        "s",
        "Time to execute one GraphQL operation."
    );

    public static Activity? Start(GraphQLRequest request)
    {
        var activity = Source.StartActivity("graphql " + (request.OperationName ?? "operation"), ActivityKind.Internal);
        activity?.SetTag("graphql.operation.name", request.OperationName);
        activity?.SetTag("correlation.id", CorrelationIds.Current);
        return activity;
    }

    public static void Stop(Activity? activity, ExecutionResult result, long startTimestamp)
    {
        var type = result.Operation?.Operation.ToString().ToLowerInvariant() ?? "unknown";
        var outcome = result.Errors is not { Count: > 0 } errors ? "ok" : errors[0].Code ?? "error";
        var tags = new TagList { { "graphql.operation.type", type }, { "graphql.outcome", outcome } };
        Operations.Add(1, tags);
        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        if (activity is null)
            return;
        activity.SetTag("graphql.operation.type", type);
        if (result.Operation?.Name?.StringValue is { } name)
        {
            activity.SetTag("graphql.operation.name", name);
            activity.DisplayName = $"{type} {name}";
        }
        if (outcome != "ok")
            activity.SetStatus(ActivityStatusCode.Error, outcome);
    }
}
