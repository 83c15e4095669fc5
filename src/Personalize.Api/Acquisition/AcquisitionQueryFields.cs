using GraphQL;
using GraphQL.Types;
using Personalize.Acquisition;
using Personalize.Api.GraphQL;
using Personalize.Customers;
using Personalize.Querying;

namespace Personalize.Api.Acquisition;

public static class AcquisitionQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<MarketingSpendType>>>>("marketingSpend")
            .Description("Recorded marketing spend per channel and month, oldest month first, then by channel.")
            .Argument<DateTimeGraphType>("from", "Only months that end after this time.")
            .Argument<DateTimeGraphType>("to", "Only months that start before this time.")
            .Argument<StringGraphType>("channel", "Only this channel.")
            .ResolveAsync(async ctx =>
                await ctx.Service<AcquisitionQueries>()
                    .SpendAsync(
                        ctx.GetArgument<DateTime?>("from"),
                        ctx.GetArgument<DateTime?>("to"),
                        ctx.GetArgument<string?>("channel"),
                        ctx.CancellationToken
                    )
            );
        query
            .Field<NonNullGraphType<AcquisitionReportType>>("acquisition")
            .Description(
                "Spend, customers acquired (first order in the period), CAC, CLV:CAC and payback per "
                    + "acquisition channel and in total: `kpis.acquisition` without the other key figures."
            )
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "Start of the period (inclusive).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "End of the period (exclusive).")
            .Argument<StringGraphType>("channel", "Only this channel.")
            .Resolve(ctx =>
            {
                var (from, to) = (
                    ctx.GetArgument<DateTime>("from").ToUniversalTime(),
                    ctx.GetArgument<DateTime>("to").ToUniversalTime()
                );
                PeriodArguments.Check(from, to);
                var channel = ctx.GetArgument<string?>("channel");
                return ctx.Loaders().AcquisitionMonths(from, to, channel).Then(months => months.Report());
            });
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("acquisitionChannels")
            .Description("Every acquisition channel a customer or a spend row names, in alphabetical order.")
            .ResolveAsync(async ctx => await ctx.Service<AcquisitionQueries>().ChannelsAsync(ctx.CancellationToken));
    }

    /// <summary><c>Customer.acquisition</c>, read from the customer row itself.</summary>
    public static void AddToCustomer(ObjectGraphType<Customer> customer) =>
        customer
            .Field<CustomerAcquisitionType>("acquisition")
            .Description("The channel and campaign that acquired the customer; null when no channel was recorded.")
            .Resolve(ctx => ctx.Source.AcquisitionChannel is null ? null : ctx.Source);
}
