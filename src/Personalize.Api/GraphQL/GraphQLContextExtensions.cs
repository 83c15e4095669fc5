using GraphQL;

namespace Personalize.Api.GraphQL;

public static class GraphQLContextExtensions
{
    public static T Service<T>(this IResolveFieldContext ctx)
        where T : notnull => ctx.RequestServices!.GetRequiredService<T>();

    public static BatchLoaders Loaders(this IResolveFieldContext ctx) => ctx.Service<BatchLoaders>();

    /// <summary>A warning in the response's `extensions.warnings`, once per distinct message.</summary>
    public static void Warn(this IResolveFieldContext ctx, string message)
    {
        lock (ctx.OutputExtensions)
        {
            var warnings =
                ctx.OutputExtensions.TryGetValue("warnings", out var existing) && existing is List<string> list
                    ? list
                    : [];
            if (!warnings.Contains(message))
                warnings.Add(message);
            ctx.OutputExtensions["warnings"] = warnings;
        }
    }
}
