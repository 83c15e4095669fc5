namespace Personalize.Api;

/// <summary>
/// Every request has a correlation id: the caller's X-Correlation-Id header when it sends a sane one, else a new id.
/// It is echoed in the response header, attached to log scopes and carried by unexpected GraphQL errors.
/// </summary>
public static class CorrelationIds
{
    public const string Header = "X-Correlation-Id";
    private static readonly AsyncLocal<string?> CurrentId = new();

    public static string Current => CurrentId.Value ??= NewId();

    public static IApplicationBuilder UseCorrelationIds(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                var given = context.Request.Headers[Header].ToString();
                var id =
                    given.Length is > 0 and <= 64 && given.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                        ? given
                        : NewId();
                CurrentId.Value = id;
                context.Response.Headers[Header] = id;
                var logger = context
                    .RequestServices.GetRequiredService<ILoggerFactory>()
                    .CreateLogger("Personalize.Http");
                using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
                    await next(context);
            }
        );

    private static string NewId() => Guid.NewGuid().ToString("N");
}
