using GraphQL.Types;
using Personalize.Api.Events;
using Personalize.Api.Lifecycle;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

public sealed class WebhookEndpointInputType : InputObjectGraphType
{
    public WebhookEndpointInputType()
    {
        Name = "WebhookEndpointInput";
        Description = "A new webhook endpoint.";
        Field<NonNullGraphType<StringGraphType>>("url")
            .Description("Where events are POSTed: an absolute http(s) URL.");
        Field<StringGraphType>("secret")
            .Description("The signing secret, \"whsec_\" + base64 of 24-64 random bytes; absent: one is made.");
        AddSettings(this);
    }

    /// <summary>The fields create and update share.</summary>
    public static void AddSettings(InputObjectGraphType input)
    {
        input.Field<StringGraphType>("description").Description("What the endpoint is for.");
        input
            .Field<ListGraphType<NonNullGraphType<CustomerEventTypeType>>>("eventTypes")
            .Description("The event types it receives; empty or absent: every type.");
        input
            .Field<ListGraphType<NonNullGraphType<LifecycleStageType>>>("stages")
            .Description("Only customers in these stages when an event is fanned out; empty: every stage.");
        input
            .Field<IdGraphType>("segmentId")
            .Description(
                "Only members of this segment when an event is fanned out; an empty string removes the filter."
            );
        input
            .Field<IntGraphType>("maxConcurrency")
            .Description(
                "Requests in flight at most, per service instance "
                    + "(1-64; default Events:Webhooks:DefaultMaxConcurrency)."
            );
        input
            .Field<IntGraphType>("maxPerSecond")
            .Description(
                "Requests per second at most, per service instance "
                    + "(1-10,000; default Events:Webhooks:DefaultMaxPerSecond)."
            );
        input
            .Field<BooleanGraphType>("enabled")
            .Description("Whether events are sent to it (default true). A disabled endpoint collects nothing.");
    }
}
