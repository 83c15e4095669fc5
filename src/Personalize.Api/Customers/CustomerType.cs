using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Api.Loyalty;
using Personalize.Api.Offers;
using Personalize.Api.Orders;
using Personalize.Api.Recommendations;
using Personalize.Api.Scores;
using Personalize.Api.Security;
using Personalize.Api.Segments;
using Personalize.Api.Surveys;
using Personalize.Customers;
using Personalize.Orders;
using Personalize.Querying;

namespace Personalize.Api.Customers;

public sealed class CustomerType : ObjectGraphType<Customer>
{
    public CustomerType()
    {
        Name = "Customer";
        Description = "A customer of the store, known by the caller's own id.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The caller's own customer id.")
            .Resolve(ctx => ctx.Source.ExternalId);
        Field(c => c.Email, nullable: true)
            .Description("Email address, in lower case. Needs the email or admin scope.")
            .RequireScopes(PiiFields.AllowedScopes);
        Field(c => c.Name, nullable: true)
            .Description("Full name. Needs the email or admin scope.")
            .RequireScopes(PiiFields.AllowedScopes);
        Field(c => c.Country, nullable: true).Description("ISO 3166-1 alpha-2 country code.");
        Field(c => c.Locale, nullable: true).Description("BCP 47 locale, e.g. fr-FR.");
        Field(c => c.CreatedAt).Description("When the customer was first recorded (UTC).");
        Field(c => c.FirstSeenAt)
            .Description("When the customer was first seen: the earliest of creation, orders and interactions (UTC).");
        Field(c => c.ConsentPersonalization)
            .Description("Whether the customer agreed to personalized content and offers.");
        Field(c => c.ConsentEmailMarketing).Description("Whether the customer agreed to marketing emails.");
        Field(c => c.OrderCount).Description("Number of orders recorded.");
        Field(c => c.TotalSpent).Description("Sum of all order amounts.");
        Field(c => c.FirstOrderAt, nullable: true).Description("Time of the first order; null for prospects.");
        Field(c => c.LastOrderAt, nullable: true).Description("Time of the latest order; null for prospects.");
        Field<NonNullGraphType<LifecycleStageType>>("lifecycleStage")
            .Description("Current lifecycle stage.")
            .Resolve(ctx => ctx.Source.Stage);
        Field(c => c.StageChangedAt).Description("When the customer entered the current stage.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageChangeType>>>>("stageHistory")
            .Description("Every stage change, oldest first.")
            .Resolve(ctx => ctx.Loaders().StageHistoryOf(ctx.Source.Id));
        Field<CustomerClvType>("clv")
            .Description(
                "Lifetime value and the scores behind it; null until the customer has an order and `scores "
                    + "recompute` has run. Read from the score cache, or the database when the cache is down."
            )
            .Resolve(ctx => ctx.Loaders().ScoreOf(ctx.Source.Id));

        Field<NonNullGraphType<ConnectionType<OrderType, Order>>>("orders")
            .Description("The customer's orders, newest first unless `order` says otherwise.")
            .Paged(null, OrderQueries.Sort.TypeName)
            .Resolve(ctx =>
                ctx.Loaders()
                    .OrdersOf(ctx.Source.Id, ctx.Order(), ctx.PageRequest())
                    .Then(p => new Connection<Order>(p ?? Page<Order>.Empty, _ =>
                        Task.FromResult(ctx.Source.OrderCount)
                    ))
            );

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentType>>>>("segments")
            .Description("The active segments whose rule selects this customer now, by name.")
            .Resolve(ctx => ctx.Loaders().SegmentsOf(ctx.Source.Id));

        Field<NonNullGraphType<SurveyScoresType>>("surveyScores")
            .Description("The customer's satisfaction survey answers, summarized.")
            .Resolve(ctx => ctx.Loaders().SurveyScoresOf(ctx.Source.Id));

        CustomerOfferFields.AddTo(this);
        CustomerLoyaltyFields.AddTo(this);
        Experiments.ExperimentQueryFields.AddToCustomer(this);
        Acquisition.AcquisitionQueryFields.AddToCustomer(this);
        RecommendationFields.AddTo(this);
    }
}
