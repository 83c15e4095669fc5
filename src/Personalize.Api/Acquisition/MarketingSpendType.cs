using GraphQL.Types;
using Personalize.Acquisition;

namespace Personalize.Api.Acquisition;

public sealed class MarketingSpendType : ObjectGraphType<MarketingSpend>
{
    public MarketingSpendType()
    {
        Name = "MarketingSpend";
        Description = "What one acquisition channel cost in one calendar month.";
        Field(s => s.Channel).Description("The channel.");
        Field<NonNullGraphType<StringGraphType>>("month")
            .Description("The calendar month, YYYY-MM (UTC).")
            .Resolve(ctx => AcquisitionRules.FormatMonth(ctx.Source.Month));
        Field(s => s.Amount).Description("The month's spend, in the store's currency.");
        Field(s => s.UpdatedAt).Description("When the amount was last recorded or changed (UTC).");
    }
}
