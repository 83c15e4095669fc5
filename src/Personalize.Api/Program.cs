using Personalize.Api;
using Personalize.Api.Benchmark;
using Personalize.Api.Commands;
using Personalize.Api.Health;
using Personalize.Api.Http;
using Personalize.Api.Security;

var (verb, settings, error) = CommandRunner.ParseCommandLine(args);
if (error is not null)
{
    Console.Error.WriteLine(error);
    return 2;
}
var builder = WebApplication.CreateBuilder(settings);
try
{
    builder.AddPersonalizeServices();
}
catch (ConfigurationError e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

var app = builder.Build();
if (verb is not null)
    return await app.RunCommandAsync(verb);

await app.PrepareDatabaseAsync();
app.UseCorrelationIds();
app.UseDashboard();
app.UseBananaCakePop();
app.UsePersonalizeSecurity(); // after the IDE's UseRouting, so authorization sees the endpoint
app.MapGraphQLEndpoint();
app.MapHealthEndpoints();
app.MapCeilingEndpoint();
await app.RunAsync();
return 0;

public partial class Program;
