using GraphQL.Types;
using static Personalize.Access.Scopes;

namespace Personalize.Api.Security;

/// <summary>
/// Who may call each root field: one line per field (the security documentation's scope table is this table). Fields
/// below the root declare their own scopes where they are defined (<see cref="PiiFields"/>, <see
/// cref="CustomerLists"/>). Admin may call everything. A root field missing here is refused to everyone but admin at
/// run time, and fails `RootFieldScopeTests`, so a new field is never silently open nor silently closed.
/// </summary>
public static class RootFieldScopes
{
    public static readonly IReadOnlyDictionary<string, string[]> Query = new Dictionary<string, string[]>
    {
        ["customer"] = [Storefront, Email, Analytics],
        ["customersByIds"] = [Storefront, Email],
        ["customers"] = CustomerLists.AllowedScopes,
        ["clvModel"] = [Analytics],
        ["lifecycleStages"] = [Analytics],
        ["contentItem"] = [Storefront, Email, Analytics],
        ["contentItems"] = [Storefront, Email, Analytics],
        ["offer"] = [Storefront, Email, Analytics],
        ["offers"] = [Storefront, Email, Analytics],
        ["offerAssignment"] = [Storefront],
        ["segment"] = [Email, Analytics],
        ["segments"] = [Email, Analytics],
        ["experiment"] = [Analytics],
        ["experiments"] = [Analytics],
        ["kpis"] = [Analytics],
        ["kpiTrend"] = [Analytics],
        ["stageFlows"] = [Analytics],
        ["cohortRetention"] = [Analytics],
        ["clvBySegment"] = [Analytics],
        ["offerPerformance"] = [Analytics],
        ["marketingSpend"] = [Analytics],
        ["acquisition"] = [Analytics],
        ["acquisitionChannels"] = [Analytics],
        ["personalize"] = [Storefront],
        ["placements"] = [Analytics],
        ["recommenderModel"] = [Analytics],
        ["exportCustomer"] = [Admin],
        ["webhookEndpoints"] = [Admin],
        ["customerEvents"] = CustomerLists.AllowedScopes,
    };

    public static readonly IReadOnlyDictionary<string, string[]> Mutation = new Dictionary<string, string[]>
    {
        ["trackInteraction"] = [Storefront],
        ["recordSurveyResponse"] = [Storefront],
        ["upsertCustomer"] = [Admin],
        ["recordOrder"] = [Admin],
        ["createContentItem"] = [Admin],
        ["updateContentItem"] = [Admin],
        ["archiveContentItem"] = [Admin],
        ["createOffer"] = [Admin],
        ["updateOffer"] = [Admin],
        ["archiveOffer"] = [Admin],
        ["redeemOffer"] = [Storefront],
        ["redeemPoints"] = [Storefront],
        ["recordReferral"] = [Storefront],
        ["createSegment"] = [Admin],
        ["updateSegment"] = [Admin],
        ["archiveSegment"] = [Admin],
        ["createExperiment"] = [Admin],
        ["updateExperiment"] = [Admin],
        ["startExperiment"] = [Admin],
        ["stopExperiment"] = [Admin],
        ["recordExposure"] = [Storefront],
        ["recordConversion"] = [Storefront],
        ["upsertPlacement"] = [Admin],
        ["setConsent"] = [Admin],
        ["eraseCustomer"] = [Admin],
        ["createWebhookEndpoint"] = [Admin],
        ["updateWebhookEndpoint"] = [Admin],
        ["rotateWebhookSecret"] = [Admin],
        ["deleteWebhookEndpoint"] = [Admin],
        ["replayWebhookDeliveries"] = [Admin],
        ["setCustomerAcquisition"] = [Admin],
        ["recordMarketingSpend"] = [Admin],
    };

    private const string UnlistedKey = "scopes.unlisted";

    /// <summary>True for a root field that got admin only because nobody gave it scopes.</summary>
    public static bool IsUnlisted(FieldType field) => field.GetMetadata(UnlistedKey, false);

    /// <summary>Puts every root field under its scopes from the tables (admin only when it is missing from
    /// them).</summary>
    public static void Apply(IObjectGraphType query, IObjectGraphType mutation)
    {
        foreach (var (type, table) in new[] { (query, Query), (mutation, Mutation) })
        foreach (var field in type.Fields)
        {
            if (FieldScopes.Of(field) is null && table.TryGetValue(field.Name, out var scopes))
                field.RequireScopes(scopes);
            else if (FieldScopes.Of(field) is null)
                field.RequireScopes(Admin).Metadata[UnlistedKey] = true;
        }
    }
}
