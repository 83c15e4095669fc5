using GraphQL.Types;
using Personalize.Lifetime;
using Personalize.Scores;

namespace Personalize.Api.Scores;

public sealed class ClvPurchaseModelType : ObjectGraphType<ClvSnapshot>
{
    public ClvPurchaseModelType()
    {
        Name = "ClvPurchaseModel";
        Description =
            "The purchase model in use: the one chosen by the recompute, fitted on the whole history up to "
            + "the as-of date.";
        Field<NonNullGraphType<PurchaseModelKindType>>("model")
            .Description("Which model it is.")
            .Resolve(ctx => ctx.Source.PurchaseModel);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClvParameterType>>>>("parameters")
            .Description("Its parameters, named as in the model's paper.")
            .Resolve(ctx =>
                PurchaseModelParameters
                    .Parse(ctx.Source.PurchaseModel, ctx.Source.PurchaseParameters)
                    .Named.Select(p => new KeyValuePair<string, double>(p.Name, p.Value))
                    .ToList()
            );
        Field("logLikelihood", s => s.PurchaseLogLikelihood)
            .Description("Log-likelihood of the fit on the whole history.");
        Field<NonNullGraphType<BooleanGraphType>>("onBound")
            .Description(
                "True when the fit lies on a bound of the search: the model is usable, but the data does not "
                    + "identify every parameter (typically: almost nobody drops out)."
            )
            .Resolve(ctx => ctx.Source.PurchaseBoundNote is not null);
        Field("boundNote", s => s.PurchaseBoundNote, nullable: true)
            .Description("Which parameter lies on which bound; null when none does.");
    }
}
