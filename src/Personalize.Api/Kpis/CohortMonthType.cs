using GraphQL.Types;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class CohortMonthType : ObjectGraphType<CohortMonth>
{
    public CohortMonthType()
    {
        Name = "CohortMonth";
        Description = "A cohort's activity in one calendar month after its first-order month.";
        Field(m => m.MonthsAfter)
            .Description(
                "Calendar months after the cohort's month (0 = the month of the first "
                    + "order, when every member is active)."
            );
        Field(m => m.ActiveCustomers).Description("Members with at least one order in that month.");
        Field("retention", m => m.Share).Description("activeCustomers ÷ the cohort's customers (0 to 1).");
        Field(m => m.Complete)
            .Description("False for a month still running at the end of the observation (its figure can still grow).");
    }
}
