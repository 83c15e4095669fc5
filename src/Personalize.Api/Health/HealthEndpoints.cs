using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Personalize.Caching;
using Personalize.Data;
using Personalize.Lifetime;
using Personalize.Scores;

namespace Personalize.Api.Health;

/// <summary>
/// `/healthz`: the process is up (no dependency checked). `/readyz`: the database answers (else 503) and the score
/// cache answers (else Degraded, still 200: reads fall back to the database, so the service can take traffic), and the
/// latest `scores recompute` stored a snapshot (else Degraded with the reason: the previous scores stay in use).
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddPersonalizeHealthChecks(this IServiceCollection services)
    {
        services
            .AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ScoreCacheHealthCheck>("score-cache", tags: ["ready"])
            .AddCheck<ClvModelHealthCheck>("clv-model", tags: ["ready"]);
        return services;
    }

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(
            "/readyz",
            new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync }
        );
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(
            JsonSerializer.Serialize(
                new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(
                        e => e.Key,
                        e => new
                        {
                            status = e.Value.Status.ToString(),
                            description = e.Value.Description,
                            ms = e.Value.Duration.TotalMilliseconds,
                        }
                    ),
                }
            )
        );
    }

    private sealed class DatabaseHealthCheck(IDbContextFactory<PersonalizeDbContext> factory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context,
            CancellationToken cancellationToken = default
        )
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

    private sealed class ScoreCacheHealthCheck(ICustomerCache<CustomerScore> cache) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context,
            CancellationToken cancellationToken = default
        )
        {
            try
            {
                await cache.GetManyAsync([0], cancellationToken);
                return HealthCheckResult.Healthy("The score cache answers.");
            }
            catch (CacheUnavailableException)
            {
                return HealthCheckResult.Degraded(
                    "The score cache does not answer; scores are read from the database."
                );
            }
        }
    }

    private sealed class ClvModelHealthCheck(ClvModelStore models) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context,
            CancellationToken cancellationToken = default
        )
        {
            try
            {
                var current = await models.CurrentAsync(cancellationToken);
                var failure = await models.FailureSinceCurrentAsync(cancellationToken);
                var inUse = current is null
                    ? "there are no scores yet"
                    : $"the scores as of {current.AsOf:yyyy-MM-dd} ({current.PurchaseModel.DisplayName()}) stay in use";
                if (failure is not null)
                    return HealthCheckResult.Degraded(
                        $"The recompute as of {failure.AsOf:yyyy-MM-dd} stored nothing, {inUse}: {failure.Reason}"
                    );
                return HealthCheckResult.Healthy(
                    current is null
                        ? "No recompute has run yet."
                        : $"Scores as of {current.AsOf:yyyy-MM-dd} from {current.PurchaseModel.DisplayName()}"
                            + (current.PurchaseBoundNote is null ? "." : " (fit on a bound).")
                );
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Degraded("The CLV model could not be read.");
            }
        }
    }
}
