using Personalize.Api;
using Personalize.Api.Benchmark;
using Personalize.Api.Commands;
using Personalize.Api.Health;
using Personalize.Api.Http;
using Personalize.Api.Security;

var (verb, settings) = CommandLine.Split(args);
var builder = WebApplication.CreateBuilder(settings);
builder.AddPersonalizeServices();

var app = builder.Build();
if (verb is not null)
    return await app.RunCommandAsync(verb);

await app.PrepareDatabaseAsync();
app.UseCorrelationIds();
app.UseBananaCakePop();
app.UsePersonalizeSecurity();  // after the IDE's UseRouting, so authorization sees the endpoint
app.MapGraphQLEndpoint();
app.MapHealthEndpoints();
app.MapCeilingEndpoint();
await app.RunAsync();
return 0;
public partial class Program;
