using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Import;
using Personalize.Interactions;
using Personalize.Lifecycle;
using Personalize.Loyalty;
using Personalize.Offers;
using Personalize.Orders;
using Personalize.Querying;
using Personalize.Recommendations.Serving;
using Personalize.Scores;
using Personalize.Seeding;
using Personalize.Segments;
using Personalize.Surveys;

namespace Personalize;

public static class EngineServiceCollectionExtensions
{
    /// <summary>The engine: data access, options and the services of every feature.</summary>
    public static IServiceCollection AddPersonalizeEngine(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPersonalizeData(configuration);
        services.Configure<PagingOptions>(configuration.GetSection(PagingOptions.Section));
        services.Configure<ReferenceDataOptions>(configuration.GetSection(ReferenceDataOptions.Section));

        services.Configure<LifecycleOptions>(configuration.GetSection(LifecycleOptions.Section));
        services.AddSingleton<LifecycleClassifier>();
        services
            .AddSingleton<CustomerSummaryRefresher>()
            .AddSingleton<StageHistoryQueries>()
            .AddSingleton<LifecycleStages>();

        services.AddSingleton<CustomerQueries>().AddSingleton<CustomerService>();
        services.AddSingleton<OrderQueries>().AddSingleton<OrderService>();
        services.AddSingleton<InteractionService>().AddSingleton<InteractionWriter>();
        services.AddSingleton<ContentQueries>().AddSingleton<ContentService>();
        services.AddSingleton<OfferQueries>().AddSingleton<OfferCatalog>().AddSingleton<OfferService>();
        services.Configure<OffersOptions>(configuration.GetSection(OffersOptions.Section));
        services.AddSingleton<RedemptionPropensity>().AddSingleton<RedemptionModelTrainer>();
        services
            .AddSingleton<OfferAssignmentWriter>()
            .AddSingleton<OfferDecisionService>()
            .AddSingleton<OfferRedemptionService>()
            .AddSingleton<OfferAssignmentQueries>();
        services.Configure<LoyaltyOptions>(configuration.GetSection(LoyaltyOptions.Section));
        services.AddSingleton<LoyaltyService>().AddSingleton<LoyaltyRebuilder>();
        services.AddSingleton<SegmentQueries>().AddSingleton<SegmentService>();
        services.AddSingleton<SurveyService>();
        services
            .AddSingleton(Experiments.UniversalHoldoutOptions.Bind(configuration))
            .AddSingleton<Experiments.UniversalHoldout>();
        services
            .AddSingleton<Experiments.RunningExperiments>()
            .AddSingleton<Experiments.ExperimentExposureLog>()
            .AddSingleton<Experiments.ExperimentTreatments>()
            .AddSingleton<Experiments.ExperimentService>();
        services
            .AddSingleton<Kpis.KpiService>()
            .AddSingleton<Kpis.StageFlowQueries>()
            .AddSingleton<Kpis.CohortQueries>()
            .AddSingleton<Kpis.SegmentClvQueries>()
            .AddSingleton<Kpis.OfferPerformanceQueries>();
        services.AddSingleton<Acquisition.AcquisitionService>().AddSingleton<Acquisition.AcquisitionQueries>();
        services.Configure<Privacy.PrivacyOptions>(configuration.GetSection(Privacy.PrivacyOptions.Section));
        services.AddSingleton<Privacy.KeyedHash>();
        services.AddSingleton<Access.ApiKeyStore>().AddSingleton<Privacy.PrivacyService>();

        services
            .AddOptions<ScoringOptions>()
            .Bind(configuration.GetSection(ScoringOptions.Section), o => o.ErrorOnUnknownConfiguration = true);
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ScoringOptions>, ScoringOptionsValidator>();
        services.AddCaching(configuration);
        services.AddCustomerCache(CustomerScoreCodec.Format);
        services
            .AddSingleton<ClvModelStore>()
            .AddSingleton<ILoyalClvThreshold>(sp => sp.GetRequiredService<ClvModelStore>())
            .AddSingleton<CustomerScorer>()
            .AddSingleton<CustomerRescorer>();
        services.AddSingleton<ScoreRecomputer>().AddSingleton<ScoreReader>();

        services.Configure<RecommendationOptions>(configuration.GetSection(RecommendationOptions.Section));
        services.AddCustomerCache(CandidateCodec.Format);
        services
            .AddSingleton<PlacementService>()
            .AddSingleton<CandidateReader>()
            .AddSingleton<RecommendationSnapshots>();
        services.AddSingleton<RecommenderTrainer>().AddSingleton<RecommendationService>();
        services.AddSingleton<Personalization.PersonalizationNotes>();

        services.Configure<Events.EventOptions>(configuration.GetSection(Events.EventOptions.Section));
        services
            .AddSingleton<Events.EventOutbox>()
            .AddSingleton<Events.TimeEventScanner>()
            .AddSingleton<Events.EventQueries>();
        services.Configure<Webhooks.WebhookOptions>(configuration.GetSection(Webhooks.WebhookOptions.Section));
        services
            .AddSingleton<Webhooks.WebhookService>()
            .AddSingleton<Webhooks.WebhookDispatcher>()
            .AddSingleton<Webhooks.WebhookQueries>();
        // Every attempt is in the delivery log; four log lines a request would only repeat it (and cost CPU).
        services
            .AddHttpClient(Webhooks.WebhookDispatcher.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        // The event scan's steps, in the order they run: old events go first.
        services.AddSingleton<Events.IEventScanStep, Webhooks.EventRetention>();
        services
            .AddSingleton<Events.IEventScanStep, AbandonedCarts>()
            .AddSingleton<Events.IEventScanStep, ExpiringOffers>();
        services
            .AddSingleton<Events.IEventScanStep, LoyaltyEventScan>()
            .AddSingleton<Events.IEventScanStep, TrackedSegments>();
        services.AddSingleton<DataImporter>();
        services.Configure<DemoStoreOptions>(configuration.GetSection(DemoStoreOptions.Section));
        services
            .AddSingleton<DemoStoreSeeder>()
            .AddSingleton<DemoExperimentSeeder>()
            .AddSingleton<SyntheticStoreGenerator>()
            .AddSingleton<MarketingHistory>()
            .AddSingleton<SyntheticCatalogGenerator>();
        return services;
    }
}
