using Microsoft.Extensions.FileProviders;

namespace Personalize.Api.Dashboard;

/// <summary>
/// Serves the dashboard at /dashboard/: the page's files (copied to the output folder's dashboard/ by the build, with
/// ECharts from npm) and, under /dashboard/operations/, the dashboard's GraphQL operations from schema/operations, the
/// only copy of them. The page holds no data: it reads the public GraphQL API at /graphql with the caller's
/// credentials, so the files themselves need none. A Content-Security-Policy keeps every request on this host.
/// </summary>
public static class DashboardPage
{
    public const string Path = "/dashboard";
    private const string FilesFolder = "dashboard";
    private const string OperationsFolder = "operations";
    private const string OperationPrefix = "dashboard-";

    /// <summary>Nothing but this host: scripts, styles, data. ECharts styles its tooltips inline.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src "
        + "'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static void Serve(WebApplication app)
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, FilesFolder);
        if (!File.Exists(System.IO.Path.Combine(folder, "index.html")))
        {
            app.Logger.LogWarning(
                "The dashboard is not served: {Folder} has no index.html (it is copied there by `dotnet build`).",
                folder
            );
            return;
        }
        var files = new PhysicalFileProvider(folder);
        var operations = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, OperationsFolder));
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Path),
            page =>
            {
                page.Use(RedirectToFolder);
                page.Use(AddHeaders);
                page.Use(OnlyDashboardOperations);
                page.UseDefaultFiles(
                    new DefaultFilesOptions
                    {
                        FileProvider = files,
                        RequestPath = Path,
                        RedirectToAppendTrailingSlash = false,
                    }
                );
                page.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = Path });
                page.UseStaticFiles(
                    new StaticFileOptions
                    {
                        FileProvider = operations,
                        RequestPath = $"{Path}/{OperationsFolder}",
                        ServeUnknownFileTypes = false,
                        ContentTypeProvider = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider(
                            new Dictionary<string, string> { [".graphql"] = "application/graphql; charset=utf-8" }
                        ),
                    }
                );
            }
        );
    }

    private static Task RedirectToFolder(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path != Path)
            return next(context);
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = $"{context.Request.PathBase}{Path}/{context.Request.QueryString}";
        return Task.CompletedTask;
    }

    private static Task AddHeaders(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            // The page and its operations change with each release; the data never comes from here.
            headers.CacheControl = "no-cache";
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>Only the dashboard's own operations are published here, not every caller's.</summary>
    private static Task OnlyDashboardOperations(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        var prefix = $"{Path}/{OperationsFolder}/";
        if (
            path.StartsWith(prefix, StringComparison.Ordinal)
            && !path[prefix.Length..].StartsWith(OperationPrefix, StringComparison.Ordinal)
        )
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
