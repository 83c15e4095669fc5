using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class BanditDayType : ObjectGraphType<BanditDay>
{
    public BanditDayType()
    {
        Name = "BanditDay";
        Description =
            "One day (UTC) of a bandit: how the customers first exposed that day were split, and the regret so far.";
        Field(d => d.Day).Description("The day (UTC midnight).");
        Field(d => d.Exposures).Description("Customers first exposed that day, outside the holdout.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BanditShareType>>>>("split")
            .Description("Each variant's share of that day's exposures.")
            .Resolve(ctx => ctx.Source.Split);
        Field(d => d.CumulativeRegret)
            .Description(
                "Estimated conversions lost by the end of the day against sending everyone to the best variant."
            );
    }
}
