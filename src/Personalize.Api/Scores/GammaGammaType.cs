using GraphQL.Types;
using Personalize.Scores;

namespace Personalize.Api.Scores;

public sealed class GammaGammaType : ObjectGraphType<ClvSnapshot>
{
    public GammaGammaType()
    {
        Name = "GammaGamma";
        Description = "Gamma-Gamma parameters of spend per purchase.";
        Field<NonNullGraphType<FloatGraphType>>("p")
            .Description("Shape of the spend per transaction.")
            .Resolve(ctx => ctx.Source.P);
        Field<NonNullGraphType<FloatGraphType>>("q")
            .Description("Shape of the spend scale across customers.")
            .Resolve(ctx => ctx.Source.Q);
        Field<NonNullGraphType<FloatGraphType>>("gamma")
            .Description("Scale of the spend scale across customers.")
            .Resolve(ctx => ctx.Source.Gamma);
        Field("logLikelihood", s => s.GammaGammaLogLikelihood, nullable: true)
            .Description("Log-likelihood of the fit.");
        Field("customerCount", s => s.GammaGammaCustomerCount).Description("Repeat customers it was fitted on.");
        Field(s => s.SpendFrequencyCorrelation, nullable: true)
            .Description("Pearson correlation of repeat frequency and mean spend; the model assumes it is near zero.");
    }
}
