using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;
using Personalize.Api.Http;

namespace Personalize.Api.Ide;

/// <summary>
/// Serves Banana Cake Pop the way Hot Chocolate does: a browser's GET /graphql is redirected to /graphql/, where the
/// IDE's files (copied to the output folder's ide/ by the build, from the npm package) and bcp-config.json are served.
/// GraphQL requests (POST, or GET with a query, or without text/html in Accept) still reach the GraphQL endpoint.
/// </summary>
public static class BananaCakePop
{
    private const string FilesFolder = "ide";
    private const string ConfigFile = "/bcp-config.json";

    // The IDE posts to the URL it was loaded from, and would otherwise send telemetry to a host on the internet.
    private const string Config = """{"useBrowserUrlAsEndpoint":true,"disableTelemetry":true}""";

    public static void Serve(WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, FilesFolder);
        if (!File.Exists(Path.Combine(folder, "index.html")))
        {
            app.Logger.LogWarning(
                "Banana Cake Pop is not served: {Folder} has no index.html (it is installed by `dotnet build`).",
                folder
            );
            return;
        }

        AnnounceWhenReady(app);
        var files = new PhysicalFileProvider(folder);
        app.UseWhen(IsIdeRequest, ide =>
        {
            ide.Use(RedirectBrowserToIdeFolder);
            ide.Use(AnswerConfig);
            ide.UseDefaultFiles(
                new DefaultFilesOptions
                {
                    FileProvider = files,
                    RequestPath = GraphQLHttpEndpoint.Path,
                    RedirectToAppendTrailingSlash = false,
                }
            );
            ide.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = GraphQLHttpEndpoint.Path });
        });

        // In minimal hosting, routing otherwise runs first, and static files step aside for a request that
        // matched an endpoint, as GET /graphql/ matches the GraphQL endpoint.
        app.UseRouting();
    }

    /// <summary>Says where the IDE is once the server listens: the first start can take a minute or two.</summary>
    private static void AnnounceWhenReady(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>()
                .Features.Get<IServerAddressesFeature>()
                ?.Addresses
                ?? [];
            foreach (var address in addresses)
                app.Logger.LogInformation(
                    "Ready: Banana Cake Pop at {Url}",
                    address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost")
                        + GraphQLHttpEndpoint.Path
                );
        });

    /// <summary>A GET without a query, for a file under /graphql/ or for /graphql from a browser.</summary>
    private static bool IsIdeRequest(HttpContext context)
    {
        var request = context.Request;
        if (
            !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || request.Query.ContainsKey("query")
        )
            return false;
        return IsBrowserAtEndpoint(request)
            || (request.Path.StartsWithSegments(GraphQLHttpEndpoint.Path, out var file) && file.HasValue);
    }

    private static bool IsBrowserAtEndpoint(HttpRequest request) =>
        request.Path == GraphQLHttpEndpoint.Path
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectBrowserToIdeFolder(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!IsBrowserAtEndpoint(request))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = $"{request.PathBase}{request.Path}/{request.QueryString}";
        return Task.CompletedTask;
    }

    private static Task AnswerConfig(HttpContext context, RequestDelegate next) =>
        context.Request.Path == GraphQLHttpEndpoint.Path + ConfigFile
            ? Results.Text(Config, "application/json; charset=utf-8").ExecuteAsync(context)
            : next(context);
}
