using GraphQL.Types;

namespace Personalize.Api.GraphQL;

/// <summary>An engine enum as a GraphQL enum: values in CONSTANT_CASE, descriptions from the members'
/// [Description].</summary>
public abstract class DescribedEnumType<TEnum> : EnumerationGraphType<TEnum>
    where TEnum : Enum
{
    protected DescribedEnumType(string description)
    {
        Name = typeof(TEnum).Name;
        Description = description;
    }
}
