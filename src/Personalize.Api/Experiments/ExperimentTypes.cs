using GraphQL;
using GraphQL.Types;
using Personalize.Api.Content;
using Personalize.Api.GraphQL;
using Personalize.Api.Offers;
using Personalize.Customers;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentSubjectType() : DescribedEnumType<ExperimentSubject>("What an experiment varies.");
public sealed class ExperimentStatusType() : DescribedEnumType<ExperimentStatus>("Where an experiment is in its life.");

public sealed class ExperimentType : ObjectGraphType<Experiment>
{
    public ExperimentType()
    {
        Name = "Experiment";
        Description = "A randomized test of offers or content: customers split deterministically between weighted variants, with an optional holdout.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The experiment's id (a slug); it also salts the assignment hash, so it never changes.").Resolve(ctx => ctx.Source.Key);
        Field(e => e.Name).Description("Name shown to people.");
        Field(e => e.Description, nullable: true).Description("What is tested and why.");
        Field<NonNullGraphType<ExperimentSubjectType>>("subject").Description("OFFER or CONTENT.").Resolve(ctx => ctx.Source.Subject);
        Field<NonNullGraphType<ExperimentStatusType>>("status").Description("DRAFT, RUNNING or STOPPED.").Resolve(ctx => ctx.Source.Status);
        Field(e => e.HoldoutShare).Description("Share of customers (0 to 0.5) set aside with no variant at all.");
        Field(e => e.AttributionWindowDays).Description("Days after a customer's exposure during which their orders count for revenue and orders per exposed customer.");
        Field<NonNullGraphType<ExperimentAllocationType>>("allocation").Description("FIXED (hash and weights) or THOMPSON_SAMPLING (bandit after the burn-in).").Resolve(ctx => ctx.Source.Allocation);
        Field(e => e.BurnInExposures).Description("THOMPSON_SAMPLING: exposures split by weight before the bandit allocates.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentVariantType>>>>("variants")
            .Description("The arms, the control first.")
            .Resolve(ctx => ctx.Source.Variants.OrderBy(v => !v.IsControl).ThenBy(v => v.Key, StringComparer.Ordinal));
        Field(e => e.CreatedAt).Description("When the experiment was created.");
        Field(e => e.StartedAt, nullable: true).Description("When it started assigning customers.");
        Field(e => e.StoppedAt, nullable: true).Description("When it stopped.");
        Field<NonNullGraphType<ExperimentResultsType>>("results")
            .Description("Exposures, conversions, revenue, orders and guardrails per arm against the control, the CUPED variance reductions, the sample-ratio check and the decision, computed now from the logged events.")
            .Argument<ExperimentAnalysisType>("analysis", "Which inference `pValue`, `lower` and `upper` show (default SEQUENTIAL, valid however often the report is read).",
                a => a.DefaultValue = ExperimentAnalysisKind.Sequential)
            .Resolve(ctx => ctx.Loaders()
                .Get<Experiment, ExperimentResults>("Experiment.results", async (experiments, ct) =>
                {
                    var byId = await ctx.Service<ExperimentService>().ResultsAsync(experiments, ct);
                    return experiments.ToDictionary(e => e, e => byId[e.Id]);
                })
                .Load(ctx.Source)
                .Then(r => r!.Showing(ctx.GetArgument("analysis", ExperimentAnalysisKind.Sequential))));
    }
}

public sealed class ExperimentVariantType : ObjectGraphType<ExperimentVariant>
{
    public ExperimentVariantType()
    {
        Name = "ExperimentVariant";
        Description = "One arm of an experiment and what its customers are shown.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Unique within the experiment, e.g. `control`.").Resolve(ctx => ctx.Source.Key);
        Field(v => v.Name).Description("Name shown to people.");
        Field(v => v.Weight).Description("Relative share of the non-holdout customers.");
        Field(v => v.IsControl).Description("Whether this is the control every other arm is compared with.");
        Field<OfferType>("offer").Description("The offer this arm shows (offer experiments); null for no offer.").Resolve(ctx => ctx.Source.Offer);
        Field<ContentItemType>("contentItem").Description("The content item this arm shows (content experiments); null for no content.").Resolve(ctx => ctx.Source.ContentItem);
    }
}

public sealed class ExperimentResultsType : ObjectGraphType<ExperimentResults>
{
    public ExperimentResultsType()
    {
        Name = "ExperimentResults";
        Description = "An experiment's results. A conversion counts once per customer for the rate; its value adds up.";
        Field(r => r.Exposures).Description("Customers exposed, all arms together.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentArmType>>>>("arms").Description("Per arm: the control first, the holdout last.").Resolve(ctx => ctx.Source.Arms);
        Field<SampleRatioCheckType>("sampleRatio").Description("Whether the exposures match the configured split; null before any exposure.").Resolve(ctx => ctx.Source.SampleRatio);
        Field(r => r.AttributionWindowDays).Description("Days after exposure during which orders count.");
        Field<NonNullGraphType<ExperimentAnalysisType>>("analysis").Description("The analysis the comparisons' `pValue`, `lower` and `upper` show.").Resolve(ctx => ctx.Source.Shown);
        Field(r => r.SequentialLooks).Description("Looks the sequential test made: one a day from the first exposure to now (or the stop).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentVarianceReductionType>>>>("varianceReductions")
            .Description("What CUPED removed from the variance of revenue and orders per exposed customer.").Resolve(ctx => ctx.Source.VarianceReductions);
        Field<ExperimentBanditReportType>("bandit").Description("Allocation over time and regret of a THOMPSON_SAMPLING experiment; null for a FIXED split.").Resolve(ctx => ctx.Source.Bandit);
        Field<ExperimentDecisionType>("decision").Description("Ship, stop or keep running, and why; null before any exposure.").Resolve(ctx => ctx.Source.Decision);
    }
}

public sealed class ExperimentArmType : ObjectGraphType<ArmResult>
{
    public ExperimentArmType()
    {
        Name = "ExperimentArm";
        Description = "The results of one arm (a variant, or the holdout).";
        Field<ExperimentVariantType>("variant").Description("The variant; null for the holdout.").Resolve(ctx => ctx.Source.Variant);
        Field(a => a.IsHoldout).Description("Whether this arm is the holdout (customers shown nothing).");
        Field(a => a.ExpectedShare).Description("Share of customers the configuration sends to this arm.");
        Field<NonNullGraphType<LongGraphType>>("exposures").Description("Customers exposed (each once).").Resolve(ctx => ctx.Source.Counts.Exposures);
        Field<NonNullGraphType<LongGraphType>>("conversions").Description("Exposed customers who converted at least once.").Resolve(ctx => ctx.Source.Counts.Conversions);
        Field<NonNullGraphType<FloatGraphType>>("conversionRate").Description("conversions / exposures; 0 before any exposure.").Resolve(ctx => ctx.Source.Counts.Rate);
        Field<NonNullGraphType<DecimalGraphType>>("conversionValue").Description("Sum of the values of this arm's conversions.").Resolve(ctx => ctx.Source.Counts.ConversionValue);
        Field<LiftType>("liftVsControl").Description("This arm against the control; null for the control itself and while either arm has no exposure.").Resolve(ctx => ctx.Source.Lift);
        Field<ExperimentArmMetricsType>("metrics").Description("Revenue, orders and guardrail metrics of the arm's exposed customers.").Resolve(ctx => ctx.Source.Metrics);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentMetricComparisonType>>>>("comparisons")
            .Description("Every metric against the control; empty for the control and while an arm lacks the data to compare.").Resolve(ctx => ctx.Source.Comparisons);
    }
}

public sealed class LiftType : ObjectGraphType<Lift>
{
    public LiftType()
    {
        Name = "Lift";
        Description = "An arm's conversion rate against the control's: the pooled two-proportion z-test, a 95 % Wald interval of the difference, and a 95 % log (Katz) interval of the relative lift.";
        Field(l => l.Difference).Description("Arm rate − control rate (absolute, e.g. 0.03 = 3 points).");
        Field(l => l.DifferenceLower).Description("Lower end of the 95 % confidence interval of the difference.");
        Field(l => l.DifferenceUpper).Description("Upper end of the 95 % confidence interval of the difference.");
        Field(l => l.Relative, nullable: true).Description("Arm rate / control rate − 1 (e.g. 0.3 = +30 %); null when the control has no conversion.");
        Field(l => l.RelativeLower, nullable: true).Description("Lower end of the 95 % confidence interval of the relative lift; null when either arm has no conversion.");
        Field(l => l.RelativeUpper, nullable: true).Description("Upper end of the 95 % confidence interval of the relative lift; null when either arm has no conversion.");
        Field(l => l.ZScore).Description("The two-proportion z statistic (pooled standard error).");
        Field(l => l.PValue).Description("Two-sided p-value of the z-test: the chance of a difference at least this large if the arms converted alike.");
        Field(l => l.IsSignificant).Description("Whether the p-value is below 0.05.");
    }
}

public sealed class SampleRatioCheckType : ObjectGraphType<SampleRatioCheck>
{
    public SampleRatioCheckType()
    {
        Name = "SampleRatioCheck";
        Description = "Chi-square goodness-of-fit of the exposures per arm against the configured split. A mismatch means assignment or exposure logging is broken: do not trust the lifts.";
        Field(s => s.ChiSquare).Description("The chi-square statistic.");
        Field(s => s.DegreesOfFreedom).Description("Arms − 1.");
        Field(s => s.PValue).Description("P(chi-square ≥ statistic) if the split were as configured.");
        Field(s => s.MismatchDetected).Description($"Whether the p-value is below {SampleRatioCheck.Threshold}.");
    }
}

public sealed class ExperimentAssignmentType : ObjectGraphType<ExperimentAssignment>
{
    public ExperimentAssignmentType()
    {
        Name = "ExperimentAssignment";
        Description = "The arm a customer is in: the one stored at their first exposure, else the one a decision would give now (a hash of the experiment id and customer id; for a bandit after its burn-in, the current allocation). Once exposed, it never changes.";
        Field<NonNullGraphType<ExperimentType>>("experiment").Description("The experiment.").Resolve(ctx => ctx.Source.Experiment);
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id.").Resolve(ctx => ctx.Source.CustomerId);
        Field<ExperimentVariantType>("variant").Description("The variant to show; null in the holdout (show neither variant).").Resolve(ctx => ctx.Source.Variant);
        Field(a => a.InHoldout).Description("Whether the customer is in the holdout.");
        Field(a => a.ExposedAt, nullable: true).Description("When the customer was first exposed; null if never.");
    }
}

public sealed class ExperimentConversionType : ObjectGraphType<ExperimentConversion>
{
    public ExperimentConversionType()
    {
        Name = "ExperimentConversion";
        Description = "A logged conversion of an exposed customer.";
        Field(c => c.Value).Description("What the conversion was worth (e.g. the order amount); 0 when not given.");
        Field(c => c.ConvertedAt).Description("When it happened (UTC).");
        Field<NonNullGraphType<BooleanGraphType>>("inHoldout").Description("Whether the customer was in the holdout.").Resolve(ctx => ctx.Source.VariantId is null);
    }
}

public static class ExperimentQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<ExperimentType>("experiment")
            .Description("One experiment by id; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The experiment's id.")
            .Resolve(ctx => ctx.Loaders()
                .Get<string, Experiment>("experiment", async (ids, ct) => await ctx.Service<ExperimentService>().ByKeysAsync(ids.ToList(), ct))
                .Load(ctx.GetArgument<string>("id")));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentType>>>>("experiments")
            .Description("Experiments, newest first.")
            .Argument<ExperimentStatusType>("status", "Only experiments in this status; all when absent.")
            .ResolveAsync(async ctx => await ctx.Service<ExperimentService>().ListAsync(ctx.GetArgument<ExperimentStatus?>("status"), ctx.CancellationToken));
    }

    /// <summary><c>Customer.experimentAssignment</c>: one lookup per experiment for a whole page of customers.</summary>
    public static void AddToCustomer(ObjectGraphType<Customer> customer)
    {
        customer.Field<ExperimentAssignmentType>("experimentAssignment")
            .Description("The arm this customer is in, without logging an exposure (use `recordExposure` when the customer is shown it); null for an unknown experiment.")
            .Argument<NonNullGraphType<IdGraphType>>("experimentId", "The experiment's id.")
            .Resolve(ctx =>
            {
                var experimentId = ctx.GetArgument<string>("experimentId");
                return ctx.Loaders()
                    .Get<string, ExperimentAssignment>($"Customer.experimentAssignment({experimentId})",
                        async (ids, ct) => await ctx.Service<ExperimentService>().AssignmentsAsync(experimentId, ids.ToList(), ct))
                    .Load(ctx.Source.ExternalId);
            });
    }
}

public static class ExperimentMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PayloadType<ExperimentType, Experiment>>>("createExperiment")
            .Description("Creates an experiment in DRAFT.")
            .Argument<NonNullGraphType<ExperimentInputType>>("input", "The experiment.")
            .ResolveAsync(async ctx => await ctx.Service<ExperimentService>().CreateAsync(ctx.GetArgument<ExperimentInput>("input"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<ExperimentType, Experiment>>>("updateExperiment")
            .Description("Changes the fields given. Subject, holdout and variants can change only in DRAFT: once customers are assigned, the split is fixed.")
            .Argument<NonNullGraphType<ExperimentInputType>>("input", "The experiment's id and the fields to change.")
            .ResolveAsync(async ctx => await ctx.Service<ExperimentService>().UpdateAsync(ctx.GetArgument<ExperimentInput>("input"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<ExperimentType, Experiment>>>("startExperiment")
            .Description("DRAFT → RUNNING: exposures and conversions are logged from now on. Starting a running experiment changes nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The experiment's id.")
            .ResolveAsync(async ctx => await ctx.Service<ExperimentService>().StartAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<ExperimentType, Experiment>>>("stopExperiment")
            .Description("RUNNING → STOPPED: no new exposures; conversions of exposed customers are still accepted. Stopping a stopped experiment changes nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The experiment's id.")
            .ResolveAsync(async ctx => await ctx.Service<ExperimentService>().StopAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<ExperimentAssignmentType, ExperimentAssignment>>>("recordExposure")
            .Description("Logs that a customer was shown a running experiment and returns their arm. Only the first exposure counts: repeats and retries change nothing.")
            .Argument<NonNullGraphType<RecordExposureInputType>>("input", "Who saw which experiment.")
            .ResolveAsync(async ctx => await ctx.Service<ExperimentService>().RecordExposureAsync(ctx.GetArgument<RecordExposureInput>("input"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<ExperimentConversionType, ExperimentConversion>>>("recordConversion")
            .Description("Logs a conversion of a customer exposed to the experiment. With an idempotency key a retried request is stored once.")
            .Argument<NonNullGraphType<RecordConversionInputType>>("input", "The conversion.")
            .ResolveAsync(async ctx => await ctx.Service<ExperimentService>().RecordConversionAsync(ctx.GetArgument<RecordConversionInput>("input"), ctx.CancellationToken));
    }
}

public sealed class ExperimentInputType : InputObjectGraphType<ExperimentInput>
{
    public ExperimentInputType()
    {
        Name = "ExperimentInput";
        Description = "An experiment's fields; on update, absent fields keep their values.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The experiment's id: a slug, e.g. `winback-10-vs-20`. It salts the assignment hash.");
        Field(e => e.Name, nullable: true).Description("Name (required on create).");
        Field(e => e.Description, nullable: true).Description("What is tested and why (at most 2000 characters).");
        Field<ExperimentSubjectType>("subject").Description("OFFER or CONTENT (required on create).");
        Field(e => e.HoldoutShare, nullable: true).Description("Share of customers (0 to 0.5) shown nothing; default 0.");
        Field<ListGraphType<NonNullGraphType<VariantInputType>>>("variants").Description("2 to 10 arms, exactly one the control (required on create).");
        Field(e => e.AttributionWindowDays, nullable: true).Description($"Days (1-{ExperimentService.MaxAttributionWindowDays}) after exposure during which orders count; default {ExperimentService.DefaultAttributionWindowDays}. Only in DRAFT.");
        Field<ExperimentAllocationType>("allocation").Description("FIXED (default) or THOMPSON_SAMPLING. Only in DRAFT.");
        Field(e => e.BurnInExposures, nullable: true).Description("THOMPSON_SAMPLING: exposures split by weight before the bandit allocates (default 0). Only in DRAFT.");
    }
}

public sealed class VariantInputType : InputObjectGraphType<VariantInput>
{
    public VariantInputType()
    {
        Name = "VariantInput";
        Description = "One arm of an experiment.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A slug unique within the experiment, e.g. `control`.");
        Field(v => v.Name).Description("Name shown to people.");
        Field(v => v.Weight).Description("Relative share (1-10000) of the non-holdout customers.");
        Field(v => v.IsControl, nullable: true).Description("Whether this arm is the control (exactly one is).");
        Field(v => v.Offer, nullable: true).Description("Code of the offer this arm shows (offer experiments).");
        Field(v => v.ContentItem, nullable: true).Description("Id of the content item this arm shows (content experiments).");
    }
}

public sealed class RecordExposureInputType : InputObjectGraphType<RecordExposureInput>
{
    public RecordExposureInputType()
    {
        Name = "RecordExposureInput";
        Description = "A customer was shown an experiment.";
        Field<NonNullGraphType<IdGraphType>>("experimentId").Description("The experiment's id (it must be RUNNING).");
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id (the customer must exist).");
        Field(x => x.ExposedAt, nullable: true).Description("When it was shown (default: now).");
    }
}

public sealed class RecordConversionInputType : InputObjectGraphType<RecordConversionInput>
{
    public RecordConversionInputType()
    {
        Name = "RecordConversionInput";
        Description = "An exposed customer converted.";
        Field<NonNullGraphType<IdGraphType>>("experimentId").Description("The experiment's id.");
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id (exposed to the experiment before).");
        Field(c => c.Value, nullable: true).Description("What the conversion was worth, e.g. the order amount (default 0).");
        Field(c => c.ConvertedAt, nullable: true).Description("When it happened (default: now); not before the first exposure.");
        Field(c => c.IdempotencyKey, nullable: true).Description("A key unique to this conversion; a retry with the same key is stored once.");
    }
}
