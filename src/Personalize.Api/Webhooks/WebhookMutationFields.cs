using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Common;
using Personalize.Events;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

public static class WebhookMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<WebhookEndpointType, WebhookEndpoint>>>("createWebhookEndpoint")
            .Description("Creates an endpoint; it receives the events written from now on.")
            .Argument<NonNullGraphType<WebhookEndpointInputType>>("input", "The endpoint.")
            .ResolveAsync(async ctx =>
            {
                var input = Input(ctx);
                return await ctx.Service<WebhookService>()
                    .CreateAsync(
                        Settings(input) with
                        {
                            Url = input.GetValueOrDefault("url") as string,
                            Secret = input.GetValueOrDefault("secret") as string,
                        },
                        ctx.CancellationToken
                    );
            });
        mutation
            .Field<NonNullGraphType<PayloadType<WebhookEndpointType, WebhookEndpoint>>>("updateWebhookEndpoint")
            .Description("Changes the fields given of an endpoint.")
            .Argument<NonNullGraphType<UpdateWebhookEndpointInputType>>(
                "input",
                "The endpoint's id and the fields to change."
            )
            .ResolveAsync(async ctx =>
            {
                var input = Input(ctx);
                return Id(input["id"]) is { } id
                    ? await ctx.Service<WebhookService>()
                        .UpdateAsync(
                            id,
                            Settings(input) with
                            {
                                Url = input.GetValueOrDefault("url") as string,
                            },
                            ctx.CancellationToken
                        )
                    : NotFound<WebhookEndpoint>("input.id", input["id"]);
            });
        mutation
            .Field<NonNullGraphType<PayloadType<WebhookEndpointType, WebhookEndpoint>>>("rotateWebhookSecret")
            .Description(
                "Gives an endpoint a new secret; during the overlap each request carries a signature made "
                    + "with each secret."
            )
            .Argument<NonNullGraphType<RotateWebhookSecretInputType>>("input", "The endpoint and the overlap.")
            .ResolveAsync(async ctx =>
            {
                var input = Input(ctx);
                return Id(input["id"]) is { } id
                    ? await ctx.Service<WebhookService>()
                        .RotateSecretAsync(
                            id,
                            input.GetValueOrDefault("overlapHours") as int? ?? 24,
                            input.GetValueOrDefault("secret") as string,
                            ctx.CancellationToken
                        )
                    : NotFound<WebhookEndpoint>("input.id", input["id"]);
            });
        mutation
            .Field<NonNullGraphType<PayloadType<WebhookEndpointType, WebhookEndpoint>>>("deleteWebhookEndpoint")
            .Description("Deletes an endpoint and its delivery log; nothing more is sent to it.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The endpoint's id.")
            .ResolveAsync(async ctx =>
                Id(ctx.GetArgument<string>("id")) is { } id
                    ? await ctx.Service<WebhookService>().DeleteAsync(id, ctx.CancellationToken)
                    : NotFound<WebhookEndpoint>("id", ctx.GetArgument<string>("id"))
            );
        mutation
            .Field<NonNullGraphType<PayloadType<ReplayResultType, ReplayResult>>>("replayWebhookDeliveries")
            .Description(
                "Sends deliveries of an endpoint again from their first attempt (dead ones by default); "
                    + "receivers see the same webhook-id again."
            )
            .Argument<NonNullGraphType<ReplayWebhookDeliveriesInputType>>("input", "The endpoint and which deliveries.")
            .ResolveAsync(async ctx =>
            {
                var input = Input(ctx);
                return Id(input["endpointId"]) is { } id
                    ? await ctx.Service<WebhookService>()
                        .ReplayAsync(
                            id,
                            input.GetValueOrDefault("deadOnly") as bool? ?? true,
                            input.GetValueOrDefault("from") as DateTime?,
                            input.GetValueOrDefault("to") as DateTime?,
                            ctx.CancellationToken
                        )
                    : NotFound<ReplayResult>("input.endpointId", input["endpointId"]);
            });
    }

    private static IReadOnlyDictionary<string, object?> Input(IResolveFieldContext ctx) =>
        (IReadOnlyDictionary<string, object?>)ctx.GetArgument<object>("input");

    private static WebhookEndpointInput Settings(IReadOnlyDictionary<string, object?> input) =>
        new(
            Description: input.GetValueOrDefault("description") as string,
            EventTypes: (input.GetValueOrDefault("eventTypes") as IEnumerable<object?>)
                ?.Cast<CustomerEventType>()
                .ToList(),
            Stages: (input.GetValueOrDefault("stages") as IEnumerable<object?>)?.Cast<LifecycleStage>().ToList(),
            SegmentId: input.GetValueOrDefault("segmentId") as string,
            MaxConcurrency: input.GetValueOrDefault("maxConcurrency") as int?,
            MaxPerSecond: input.GetValueOrDefault("maxPerSecond") as int?,
            Enabled: input.GetValueOrDefault("enabled") as bool?
        );

    private static long? Id(object? value) =>
        long.TryParse(value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static MutationResult<T> NotFound<T>(string field, object? id)
        where T : class => MutationResult<T>.NotFound(field, "webhook endpoint", id as string ?? "");
}
