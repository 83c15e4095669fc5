using GraphQL.Types;
using Personalize.Scores;

namespace Personalize.Api.Scores;

public sealed class RfmType : ObjectGraphType<CustomerScore>
{
    public RfmType()
    {
        Name = "Rfm";
        Description = "RFM quintiles (1-5, 5 best) over all scored customers.";
        Field("recency", s => s.RfmRecency).Description("5 = bought most recently.");
        Field("frequency", s => s.RfmFrequency).Description("5 = most orders.");
        Field("monetary", s => s.RfmMonetary).Description("5 = most spent.");
        Field<NonNullGraphType<IntGraphType>>("score")
            .Description("R×100 + F×10 + M, e.g. 545.")
            .Resolve(ctx => ctx.Source.RfmRecency * 100 + ctx.Source.RfmFrequency * 10 + ctx.Source.RfmMonetary);
    }
}
