using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Personalize.Data;
using Personalize.Scores;

namespace Personalize.Api.Health;

/// <summary>
/// `/healthz`: the process is up (no dependency checked). `/readyz`: the database answers (else 503) and the score
/// cache answers (else Degraded, still 200: reads fall back to the database, so the service can take traffic).
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddPersonalizeHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ScoreCacheHealthCheck>("score-cache", tags: ["ready"]);
        return services;
    }

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, ms = e.Value.Duration.TotalMilliseconds }),
        }));
    }

    private sealed class DatabaseHealthCheck(IDbContextFactory<PersonalizeDbContext> factory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await db.Segments.AnyAsync(timeout.Token);
                return HealthCheckResult.Healthy("The database answers.");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }
        }
    }

    private sealed class ScoreCacheHealthCheck(IScoreCache cache) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await cache.GetManyAsync([0], cancellationToken);
                return HealthCheckResult.Healthy("The score cache answers.");
            }
            catch (ScoreCacheUnavailableException)
            {
                return HealthCheckResult.Degraded("The score cache does not answer; scores are read from the database.");
            }
        }
    }
}
