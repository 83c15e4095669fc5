using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Customers;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public static class ExperimentQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query
            .Field<ExperimentType>("experiment")
            .Description("One experiment by id; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The experiment's id.")
            .Resolve(ctx => ctx.Loaders().ExperimentById(ctx.GetArgument<string>("id")));
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentType>>>>("experiments")
            .Description("Experiments, newest first.")
            .Argument<ExperimentStatusType>("status", "Only experiments in this status; all when absent.")
            .ResolveAsync(async ctx =>
                await ctx.Service<ExperimentService>()
                    .ListAsync(ctx.GetArgument<ExperimentStatus?>("status"), ctx.CancellationToken)
            );
    }

    /// <summary><c>Customer.experimentAssignment</c>: one lookup per experiment for a whole page of
    /// customers.</summary>
    public static void AddToCustomer(ObjectGraphType<Customer> customer)
    {
        customer
            .Field<ExperimentAssignmentType>("experimentAssignment")
            .Description(
                "The arm this customer is in, without logging an exposure (use `recordExposure` when the "
                    + "customer is shown it); null for an unknown experiment."
            )
            .Argument<NonNullGraphType<IdGraphType>>("experimentId", "The experiment's id.")
            .Resolve(ctx => ctx.Loaders().AssignmentIn(ctx.GetArgument<string>("experimentId"), ctx.Source.ExternalId));
    }
}
