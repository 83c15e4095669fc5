using GraphQL.Types;
using Personalize.Surveys;

namespace Personalize.Api.Surveys;

public sealed class NpsCategoryType : EnumerationGraphType<NpsCategory>
{
    public NpsCategoryType()
    {
        Name = "NpsCategory";
        Description = "The Net Promoter Score group of an answer.";
    }
}
