using GraphQL.Types;
using Personalize.Querying;

namespace Personalize.Api.GraphQL;

public sealed class StringMatchModeType : EnumerationGraphType<StringMatchMode>
{
    public const string TypeName = "StringMatchMode";

    public StringMatchModeType()
    {
        Name = TypeName;
        Description = "How a text condition compares letters' case.";
    }
}
