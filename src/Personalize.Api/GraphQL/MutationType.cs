using GraphQL.Types;
using Personalize.Api.Content;
using Personalize.Api.Customers;
using Personalize.Api.Events;
using Personalize.Api.Experiments;
using Personalize.Api.Interactions;
using Personalize.Api.Loyalty;
using Personalize.Api.Offers;
using Personalize.Api.Orders;
using Personalize.Api.Privacy;
using Personalize.Api.Recommendations;
using Personalize.Api.Segments;
using Personalize.Api.Surveys;
using Personalize.Api.Webhooks;

namespace Personalize.Api.GraphQL;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description =
            "Writing data. Every mutation validates its input and returns a payload with the object or "
            + "typed errors; a failed mutation writes nothing.";
        CustomerMutationFields.AddTo(this);
        OrderMutationFields.AddTo(this);
        InteractionMutationFields.AddTo(this);
        SurveyMutationFields.AddTo(this);
        ContentMutationFields.AddTo(this);
        OfferMutationFields.AddTo(this);
        OfferAssignmentMutationFields.AddTo(this);
        LoyaltyMutationFields.AddTo(this);
        SegmentMutationFields.AddTo(this);
        ExperimentMutationFields.AddTo(this);
        RecommendationMutationFields.AddTo(this);
        PrivacyMutationFields.AddTo(this);
        WebhookMutationFields.AddTo(this);
        Acquisition.AcquisitionMutationFields.AddTo(this);
    }
}
