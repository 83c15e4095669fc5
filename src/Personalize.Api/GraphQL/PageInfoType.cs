using GraphQL.Types;
using Personalize.Querying;

namespace Personalize.Api.GraphQL;

public sealed class PageInfoType : ObjectGraphType<IPageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where a page stands in its list.";
        Field(p => p.HasNextPage).Description("Whether objects follow this page.");
        Field(p => p.HasPreviousPage)
            .Description("Whether objects precede this page (known when `after` or `before` was given).");
        Field(p => p.StartCursor, nullable: true)
            .Description("Cursor of the first object of the page; null when the page is empty.");
        Field(p => p.EndCursor, nullable: true)
            .Description("Cursor of the last object of the page; null when the page is empty.");
    }
}
