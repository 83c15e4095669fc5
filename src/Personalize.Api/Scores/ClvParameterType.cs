using GraphQL.Types;

namespace Personalize.Api.Scores;

public sealed class ClvParameterType : ObjectGraphType<KeyValuePair<string, double>>
{
    public ClvParameterType()
    {
        Name = "ClvParameter";
        Description =
            "One named parameter of a fitted purchase model (rates such as alpha and beta are in the "
            + "model's `timeUnit`).";
        Field<NonNullGraphType<StringGraphType>>("name")
            .Description("The parameter's name, e.g. r, alpha, a, b, s, beta.")
            .Resolve(ctx => ctx.Source.Key);
        Field<NonNullGraphType<FloatGraphType>>("value")
            .Description("Its fitted value.")
            .Resolve(ctx => ctx.Source.Value);
    }
}
