using GraphQL.Types;
using Personalize.Querying;

namespace Personalize.Api.GraphQL;

public sealed class SortEnumType : EnumerationGraphType<SortDirection>
{
    public const string TypeName = "SortEnumType";

    public SortEnumType()
    {
        Name = TypeName;
        Description = "Sort direction.";
    }
}
