using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class BanditShareType : ObjectGraphType<BanditShare>
{
    public BanditShareType()
    {
        Name = "BanditShare";
        Description = "A variant's share of a bandit's allocation or of a day's exposures.";
        Field<NonNullGraphType<ExperimentVariantType>>("variant")
            .Description("The variant.")
            .Resolve(ctx => ctx.Source.Variant);
        Field(s => s.Share).Description("0 to 1.");
    }
}
