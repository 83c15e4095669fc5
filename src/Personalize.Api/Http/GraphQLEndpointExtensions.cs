using Personalize.Api.GraphQL;
using Personalize.Api.Security;

namespace Personalize.Api.Http;

public static class GraphQLEndpointExtensions
{
    public static void MapGraphQLEndpoint(this WebApplication app)
    {
        // a schema mistake fails the start, not the first request
        app.Services.GetRequiredService<PersonalizeSchema>().Initialize();
        app.Services.GetRequiredService<PersistedOperations>(); // and so does an operation file that does not parse
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.MapMethods(
                GraphQLHttpEndpoint.Path,
                [HttpMethods.Get, HttpMethods.Post],
                (HttpContext context, GraphQLHttpEndpoint endpoint) => endpoint.HandleAsync(context)
            )
            .RequireCaller();
    }
}
