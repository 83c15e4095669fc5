using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public static class ExperimentMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<ExperimentType, Experiment>>>("createExperiment")
            .Description("Creates an experiment in DRAFT.")
            .Argument<NonNullGraphType<ExperimentInputType>>("input", "The experiment.")
            .ResolveAsync(async ctx =>
                await ctx.Service<ExperimentService>()
                    .CreateAsync(ctx.GetArgument<ExperimentInput>("input"), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<ExperimentType, Experiment>>>("updateExperiment")
            .Description(
                "Changes the fields given. Subject, holdout and variants can change only in DRAFT: once "
                    + "customers are assigned, the split is fixed."
            )
            .Argument<NonNullGraphType<ExperimentInputType>>("input", "The experiment's id and the fields to change.")
            .ResolveAsync(async ctx =>
                await ctx.Service<ExperimentService>()
                    .UpdateAsync(ctx.GetArgument<ExperimentInput>("input"), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<ExperimentType, Experiment>>>("startExperiment")
            .Description(
                "DRAFT → RUNNING: exposures and conversions are logged from now on. Starting a running "
                    + "experiment changes nothing."
            )
            .Argument<NonNullGraphType<IdGraphType>>("id", "The experiment's id.")
            .ResolveAsync(async ctx =>
                await ctx.Service<ExperimentService>().StartAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<ExperimentType, Experiment>>>("stopExperiment")
            .Description(
                "RUNNING → STOPPED: no new exposures; conversions of exposed customers are still accepted. "
                    + "Stopping a stopped experiment changes nothing."
            )
            .Argument<NonNullGraphType<IdGraphType>>("id", "The experiment's id.")
            .ResolveAsync(async ctx =>
                await ctx.Service<ExperimentService>().StopAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<ExperimentAssignmentType, ExperimentAssignment>>>("recordExposure")
            .Description(
                "Logs that a customer was shown a running experiment and returns their arm. Only the first "
                    + "exposure counts: repeats and retries change nothing."
            )
            .Argument<NonNullGraphType<RecordExposureInputType>>("input", "Who saw which experiment.")
            .ResolveAsync(async ctx =>
                await ctx.Service<ExperimentService>()
                    .RecordExposureAsync(ctx.GetArgument<RecordExposureInput>("input"), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<ExperimentConversionType, ExperimentConversion>>>("recordConversion")
            .Description(
                "Logs a conversion of a customer exposed to the experiment. With an idempotency key a "
                    + "retried request is stored once."
            )
            .Argument<NonNullGraphType<RecordConversionInputType>>("input", "The conversion.")
            .ResolveAsync(async ctx =>
                await ctx.Service<ExperimentService>()
                    .RecordConversionAsync(ctx.GetArgument<RecordConversionInput>("input"), ctx.CancellationToken)
            );
    }
}
