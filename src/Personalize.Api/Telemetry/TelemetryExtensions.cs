using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Personalize.Api.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Traces, metrics and logs over OTLP to OpenTelemetry:Endpoint; nothing when it is not set.</summary>
    public static void AddPersonalizeTelemetry(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["OpenTelemetry:Endpoint"] is not { Length: > 0 } endpoint)
            return;
        var otlp = new Uri(endpoint);
        builder
            .Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OpenTelemetry:ServiceName"] ?? "personalize"))
            .WithTracing(t =>
                t.AddSource(GraphQLTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddOtlpExporter(o => o.Endpoint = otlp)
            )
            .WithMetrics(m =>
                m.AddMeter(GraphQLTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddOtlpExporter(o => o.Endpoint = otlp)
            );
        builder.Logging.AddOpenTelemetry(l =>
        {
            l.IncludeScopes = true; // the correlation id travels as a scope
            l.AddOtlpExporter(o => o.Endpoint = otlp);
        });
    }
}
