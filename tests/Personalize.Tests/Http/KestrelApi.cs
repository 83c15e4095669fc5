using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Http;

/// <summary>
/// The real service on Kestrel at 127.0.0.1, on a free port, for clients outside this process (node, Chromium).
/// It counts the introspection requests (`__schema`) it receives.
/// </summary>
public sealed class KestrelApi : ApiFactory
{
    private int _introspectionRequests;

    public KestrelApi()
        : this(null) { }

    /// <param name="settings">Extra settings, e.g. the demo store's (see <see cref="DemoStoreFactory"/>).</param>
    public KestrelApi(IDictionary<string, string?>? settings)
        : base(settings)
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public string GraphQLUrl => BaseUrl + "/graphql";

    public string BaseUrl =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    public int IntrospectionRequests => Volatile.Read(ref _introspectionRequests);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new IntrospectionCounter(this)));
    }

    private sealed class IntrospectionCounter(KestrelApi api) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                app.Use(
                    async (context, nextMiddleware) =>
                    {
                        if (HttpMethods.IsPost(context.Request.Method))
                        {
                            context.Request.EnableBuffering();
                            var body = await new StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync(
                                context.RequestAborted
                            );
                            context.Request.Body.Position = 0;
                            if (body.Contains("__schema", StringComparison.Ordinal))
                                Interlocked.Increment(ref api._introspectionRequests);
                        }
                        await nextMiddleware(context);
                    }
                );
                next(app);
            };
    }
}
