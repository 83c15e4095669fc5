using GraphQL.Types;
using Personalize.Api.Events;
using Personalize.Api.Security;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Offers;
using Personalize.Orders;
using Personalize.Segments;

namespace Personalize.Api.GraphQL;

/// <summary>The schema names its root types; each feature folder adds its own fields to them.</summary>
public sealed class PersonalizeSchema : Schema
{
    public PersonalizeSchema(IServiceProvider services)
        : base(services)
    {
        Description =
            "Personalize: which content and which reward to show each customer, from lifetime value, "
            + "lifecycle stage, segments and behaviour.";
        RegisterType(typeof(UtcDateTimeType));
        RegisterTypeMapping(typeof(DateTime), typeof(UtcDateTimeType));
        Query = new QueryType();
        Mutation = new MutationType();
        Subscription = new SubscriptionType();
        RootFieldScopes.Apply(Query, Mutation);
        var inputs = new FilterInputTypes()
            .Add(CustomerQueries.Filter)
            .Add(CustomerQueries.Sort)
            .Add(OrderQueries.Sort)
            .Add(ContentQueries.Filter)
            .Add(ContentQueries.Sort)
            .Add(OfferQueries.Filter)
            .Add(OfferQueries.Sort)
            .Add(SegmentQueries.Filter)
            .Add(SegmentQueries.Sort)
            .All.ToList();
        PiiFields.GuardInputs(inputs);
        foreach (var type in inputs)
            RegisterType(type);
        // Types the filter inputs name only by reference.
        RegisterType(typeof(SortEnumType));
        RegisterType(typeof(StringMatchModeType));
        RegisterType(typeof(Lifecycle.LifecycleStageType));
        RegisterType(typeof(ChannelType));
        RegisterType(typeof(ContentKindType));
        RegisterType(typeof(ContentStatusType));
        RegisterType(typeof(RewardTypeType));
        RegisterType(typeof(OfferStatusType));
        RegisterType(typeof(SegmentStatusType));
        RegisterType(typeof(ValidationErrorType));
        RegisterType(typeof(NotFoundErrorType));
        RegisterType(typeof(ConflictErrorType));
    }
}
