using GraphQL.Types;
using Personalize.Api.Content;
using Personalize.Api.Customers;
using Personalize.Api.Events;
using Personalize.Api.Experiments;
using Personalize.Api.Kpis;
using Personalize.Api.Lifecycle;
using Personalize.Api.Offers;
using Personalize.Api.Personalization;
using Personalize.Api.Privacy;
using Personalize.Api.Recommendations;
using Personalize.Api.Scores;
using Personalize.Api.Segments;
using Personalize.Api.Webhooks;

namespace Personalize.Api.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "Reading customers, content, offers, segments and recommendations.";
        CustomerQueryFields.AddTo(this);
        ScoreQueryFields.AddTo(this);
        LifecycleQueryFields.AddTo(this);
        ContentQueryFields.AddTo(this);
        OfferQueryFields.AddTo(this);
        OfferAssignmentQueryFields.AddTo(this);
        SegmentQueryFields.AddTo(this);
        ExperimentQueryFields.AddTo(this);
        KpiQueryFields.AddTo(this);
        KpiQueryFields.AddDashboardAggregatesTo(this);
        Acquisition.AcquisitionQueryFields.AddTo(this);
        PersonalizationQueryFields.AddTo(this);
        RecommendationQueryFields.AddTo(this);
        PrivacyQueryFields.AddTo(this);
        WebhookQueryFields.AddTo(this);
        EventQueryFields.AddTo(this);
    }
}
