using GraphQL.Types;
using Personalize.Acquisition;

namespace Personalize.Api.Acquisition;

public sealed class MarketingSpendInputType : InputObjectGraphType<MarketingSpendInput>
{
    public MarketingSpendInputType()
    {
        Name = "MarketingSpendInput";
        Description = "What one acquisition channel cost in one calendar month.";
        Field(s => s.Channel)
            .Description(
                "The channel, a slug such as paid-search: the value customers carry as their acquisition channel."
            );
        Field(s => s.Month).Description("The calendar month, YYYY-MM (UTC), e.g. 2026-10.");
        Field(s => s.Amount)
            .Description(
                "The month's spend, in the store's currency (as order amounts), 0 to "
                    + $"{AcquisitionRules.MaxMonthlyAmount:#,0}."
            );
    }
}
