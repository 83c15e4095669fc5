using GraphQL;
using Personalize.Querying;

namespace Personalize.Api.GraphQL;

public static class GraphQLContextExtensions
{
    public static T Service<T>(this IResolveFieldContext ctx) where T : notnull => ctx.RequestServices!.GetRequiredService<T>();

    public static BatchLoaders Loaders(this IResolveFieldContext ctx) => ctx.Service<BatchLoaders>();

    /// <summary>A name for a loader that fetches with this field's arguments: fields with other arguments batch apart.</summary>
    public static string LoaderName(this IResolveFieldContext ctx) =>
        $"{ctx.ParentType.Name}.{ctx.FieldDefinition.Name}({(ctx.Arguments is null ? "" : FilterJson.Serialize(ctx.Arguments.ToDictionary(a => a.Key, a => a.Value.Value)))})";
}
