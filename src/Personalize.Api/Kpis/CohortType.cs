using GraphQL.Types;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class CohortType : ObjectGraphType<Cohort>
{
    public CohortType()
    {
        Name = "Cohort";
        Description =
            "The customers whose first order falls in one calendar month, and how many of them ordered in "
            + "each month after.";
        Field(c => c.Month).Description("The first day of the cohort's month (UTC).");
        Field(c => c.Customers).Description("Customers whose first order falls in that month.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortMonthType>>>>("months")
            .Description(
                "One entry per calendar month from the cohort's own (monthsAfter 0) up to the end of the observation."
            )
            .Resolve(ctx => ctx.Source.Months);
    }
}
