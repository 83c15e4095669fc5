using GraphQL.Types;
using Personalize.Lifetime.Selection;

namespace Personalize.Api.Scores;

public sealed class BgNbdType : ObjectGraphType<PurchaseModelCandidate>
{
    public BgNbdType()
    {
        Name = "BgNbd";
        Description = "BG/NBD parameters: purchase rates ~ Gamma(r, α), dropout probabilities ~ Beta(a, b).";
        Field<NonNullGraphType<FloatGraphType>>("r")
            .Description("Shape of the purchase-rate distribution.")
            .Resolve(ctx => ctx.Source.Parameters!["r"]);
        Field<NonNullGraphType<FloatGraphType>>("alpha")
            .Description("Scale of the purchase-rate distribution, in `timeUnit`s.")
            .Resolve(ctx => ctx.Source.Parameters!["alpha"]);
        Field<NonNullGraphType<FloatGraphType>>("a")
            .Description("Beta a of the dropout probability.")
            .Resolve(ctx => ctx.Source.Parameters!["a"]);
        Field<NonNullGraphType<FloatGraphType>>("b")
            .Description("Beta b of the dropout probability.")
            .Resolve(ctx => ctx.Source.Parameters!["b"]);
        Field<NonNullGraphType<FloatGraphType>>("logLikelihood")
            .Description("Log-likelihood of the fit.")
            .Resolve(ctx => ctx.Source.LogLikelihood);
    }
}
