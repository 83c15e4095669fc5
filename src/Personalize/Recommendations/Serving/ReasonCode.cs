namespace Personalize.Recommendations.Serving;

/// <summary>Why an item is recommended; the text shown to customers is built from it.</summary>
public enum ReasonCode : byte
{
    [System.ComponentModel.Description(
        "Similar to a product the customer bought: \"Because you bought X\" (relatedItem = X)."
    )]
    BecauseYouBought,

    [System.ComponentModel.Description(
        "Similar to content the customer engaged with: \"Because you read X\" (relatedItem = X)."
    )]
    BecauseYouViewed,

    [System.ComponentModel.Description("A product the customer buys again: \"Buy it again\".")]
    BuyAgain,

    [System.ComponentModel.Description(
        "Popular with customers in the same lifecycle stage: \"Popular with loyal customers\"."
    )]
    PopularWithStage,

    [System.ComponentModel.Description(
        "Content made for the customer's lifecycle stage: \"Picked for new customers\"."
    )]
    PickedForStage,

    [System.ComponentModel.Description("Popular with all customers lately: \"Trending now\".")]
    Trending,

    [System.ComponentModel.Description("A new item given a share of the slots so it can be discovered: \"New\".")]
    NewArrival,

    [System.ComponentModel.Description("Pinned to this placement by the marketing team: \"Featured\".")]
    Pinned,

    [System.ComponentModel.Description(
        "The customer has not consented to personalization: popular with everyone, not chosen for them."
    )]
    NotPersonalized,
}
