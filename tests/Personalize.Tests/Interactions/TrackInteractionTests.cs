using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Content;
using Personalize.Data;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Interactions;

/// <summary>trackInteraction through the real HTTP pipeline: validation, idempotency, and concurrent writes committed
/// together.</summary>
public sealed class TrackInteractionTests(TrackInteractionTests.Store store)
    : IClassFixture<TrackInteractionTests.Store>
{
    public sealed class Store : ApiFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            foreach (var slug in new[] { "trail-guide", "rain-jacket" })
            {
                var item = await Services
                    .GetRequiredService<ContentService>()
                    .CreateAsync(
                        new ContentItemInput(slug, ContentKind.Guide, Title: slug, Status: ContentStatus.Published),
                        default
                    );
                Assert.True(item.Succeeded, string.Join("; ", item.Errors));
            }
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private const string Track = """
        mutation($input: TrackInteractionInput!) {
          trackInteraction(input: $input) { interaction { kind occurredAt weight } errors { __typename message field } }
        }
        """;

    private async Task<JsonElement> TrackAsync(object input) =>
        (await store.DataAsync(Track, new { input })).GetProperty("trackInteraction");

    private async Task<T> CountAsync<T>(Func<PersonalizeDbContext, Task<T>> count)
    {
        await using var db = await store
            .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        return await count(db);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_at_fault_and_nothing_is_stored()
    {
        var before = await CountAsync(db => db.Interactions.CountAsync());

        var future = await TrackAsync(
            new
            {
                customerId = "bad-1",
                itemId = "trail-guide",
                kind = "VIEW",
                occurredAt = DateTime.UtcNow.AddDays(1),
            }
        );
        var weight = await TrackAsync(
            new
            {
                customerId = "bad-1",
                itemId = "trail-guide",
                kind = "VIEW",
                weight = 1000.0,
            }
        );
        var unknownItem = await TrackAsync(
            new
            {
                customerId = "bad-1",
                itemId = "no-such-item",
                kind = "VIEW",
            }
        );

        Assert.Equal("input.occurredAt", future.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("input.weight", weight.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(
            ("NotFoundError", "input.itemId"),
            (
                unknownItem.GetProperty("errors")[0].GetProperty("__typename").GetString(),
                unknownItem.GetProperty("errors")[0].GetProperty("field").GetString()
            )
        );
        Assert.Equal(before, await CountAsync(db => db.Interactions.CountAsync()));
        Assert.False(await CountAsync(db => db.Customers.AnyAsync(c => c.ExternalId == "bad-1")));
    }

    [Fact]
    public async Task Concurrent_writes_and_their_retries_are_each_stored_exactly_once()
    {
        var occurredAt = new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);
        // 100 keyed writes sent three times each (retries racing the original), 50 without a key, 20 for an unknown
        // item; 30 customers the service has never seen.
        var keyed = Enumerable
            .Range(0, 100)
            .SelectMany(i =>
                Enumerable.Repeat(
                    new
                    {
                        customerId = $"burst-{i % 30}",
                        itemId = i % 2 == 0 ? "trail-guide" : "rain-jacket",
                        kind = "CLICK",
                        occurredAt = (DateTime?)occurredAt.AddMinutes(i),
                        idempotencyKey = (string?)$"burst-key-{i}",
                    },
                    3
                )
            );
        var unkeyed = Enumerable
            .Range(0, 50)
            .Select(i => new
            {
                customerId = $"burst-{i % 30}",
                itemId = "trail-guide",
                kind = "VIEW",
                occurredAt = (DateTime?)occurredAt,
                idempotencyKey = (string?)null,
            });
        var unknown = Enumerable
            .Range(0, 20)
            .Select(i => new
            {
                customerId = $"burst-{i % 30}",
                itemId = "gone",
                kind = "VIEW",
                occurredAt = (DateTime?)occurredAt,
                idempotencyKey = (string?)$"burst-gone-{i}",
            });
        var writes = keyed.Concat(unkeyed).Concat(unknown).OrderBy(_ => Random.Shared.Next()).ToList();

        var answers = await Task.WhenAll(writes.Select(async w => (Write: w, Answer: await TrackAsync(w))));

        foreach (var (write, answer) in answers)
        {
            var errors = answer.GetProperty("errors");
            if (write.itemId == "gone")
            {
                Assert.Equal("NotFoundError", errors[0].GetProperty("__typename").GetString());
                continue;
            }
            Assert.Equal(0, errors.GetArrayLength());
            Assert.Equal(
                write.occurredAt,
                answer.GetProperty("interaction").GetProperty("occurredAt").GetDateTime().ToUniversalTime()
            );
        }
        var keys = Enumerable.Range(0, 100).Select(i => Stored($"burst-key-{i}")).ToList();
        var gone = Enumerable.Range(0, 100).Select(i => Stored($"burst-gone-{i}")).ToList();
        Assert.Equal(100, await CountAsync(db => db.Interactions.CountAsync(i => keys.Contains(i.IdempotencyKey!))));
        Assert.Equal(0, await CountAsync(db => db.Interactions.CountAsync(i => gone.Contains(i.IdempotencyKey!))));
        Assert.Equal(30, await CountAsync(db => db.Customers.CountAsync(c => c.ExternalId.StartsWith("burst-"))));
        var unkeyedStored = await CountAsync(db =>
            db.Interactions.CountAsync(i =>
                i.IdempotencyKey == null
                && i.Kind == Personalize.Interactions.InteractionKind.View
                && db.Customers.Any(c => c.Id == i.CustomerId && c.ExternalId.StartsWith("burst-"))
            )
        );
        Assert.Equal(50, unkeyedStored);
    }

    [Fact]
    public async Task A_retry_after_the_first_answer_returns_the_stored_interaction()
    {
        var first = await TrackAsync(
            new
            {
                customerId = "retry-1",
                itemId = "rain-jacket",
                kind = "LIKE",
                weight = 2.0,
                idempotencyKey = "retry-key",
            }
        );
        var retry = await TrackAsync(
            new
            {
                customerId = "retry-1",
                itemId = "rain-jacket",
                kind = "LIKE",
                weight = 2.0,
                idempotencyKey = "retry-key",
            }
        );

        Assert.Equal(first.GetProperty("interaction").ToString(), retry.GetProperty("interaction").ToString());
        var stored = Stored("retry-key");
        Assert.Equal(1, await CountAsync(db => db.Interactions.CountAsync(i => i.IdempotencyKey == stored)));
    }

    /// <summary>A caller's key as it is stored: a keyed hash, never the key itself.</summary>
    private string Stored(string key) =>
        Microsoft
            .Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Personalize.Privacy.KeyedHash>(
                store.Services
            )
            .IdempotencyKey(key);
}
