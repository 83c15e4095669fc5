using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Common;
using Personalize.Data;
using Personalize.Offers;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Rewards;

/// <summary>
/// The real service on Kestrel (real HTTP from a real HttpClient, so parallel requests are really parallel), on its own
/// SQLite file, with a clock the test controls.
/// </summary>
public sealed class RewardsApi : ApiFactory
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public RewardsApi(IDictionary<string, string?>? settings = null)
        : base(settings)
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        Http = new HttpClient
        {
            BaseAddress = new Uri(
                Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            ),
        };
    }

    public ManualClock Clock { get; } = new(Start);

    public HttpClient Http { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>POSTs over the socket; fails on GraphQL errors; returns `data`.</summary>
    public async Task<JsonElement> PostAsync(string query, object? variables = null)
    {
        using var response = await Http.PostAsJsonAsync("/graphql", new { query, variables });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        if (body.TryGetProperty("errors", out var errors))
            Assert.Fail($"GraphQL errors: {errors}");
        return body.GetProperty("data");
    }

    public async Task<T> DbAsync<T>(Func<PersonalizeDbContext, Task<T>> read)
    {
        await using var db = await Services
            .GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        return await read(db);
    }

    public async Task<Offer> OfferAsync(
        string code,
        RewardType type = RewardType.PercentOff,
        decimal cost = 5m,
        decimal? budget = null,
        int? cap = null,
        IReadOnlyList<Channel>? channels = null,
        decimal rewardValue = 10m,
        string? minTier = null
    )
    {
        var result = await Services
            .GetRequiredService<OfferService>()
            .CreateAsync(
                new OfferInput(
                    code,
                    $"Offer {code}",
                    RewardType: type,
                    RewardValue: rewardValue,
                    Cost: cost,
                    TotalBudget: budget,
                    PerCustomerCap: cap,
                    Channels: channels,
                    Status: OfferStatus.Active,
                    MinLoyaltyTier: minTier
                ),
                default
            );
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Value!;
    }

    public const string OffersQuery = """
        query Offers($id: ID!, $channel: Channel!, $first: Int) {
          customer(id: $id) { offers(channel: $channel, first: $first) { code offer { id } expectedNetValue redeemProbability reason expiresAt } }
        }
        """;

    /// <summary>The codes and offer ids the customer is shown on a channel.</summary>
    public async Task<List<(string Code, string Offer)>> OffersForAsync(
        string customerId,
        Channel channel,
        int first = 3
    )
    {
        var data = await PostAsync(
            OffersQuery,
            new
            {
                id = customerId,
                channel = channel.ToString().ToUpperInvariant(),
                first,
            }
        );
        return data.GetProperty("customer")
            .GetProperty("offers")
            .EnumerateArray()
            .Select(o => (o.GetProperty("code").GetString()!, o.GetProperty("offer").GetProperty("id").GetString()!))
            .ToList();
    }

    public const string RedeemMutation = """
        mutation Redeem($code: ID!, $orderId: ID!) {
          redeemOffer(input: { code: $code, orderId: $orderId }) {
            offerAssignment { code redeemedAt costCharged offer { id budgetSpent } }
            errors { __typename message field }
          }
        }
        """;

    /// <summary>The payload of redeemOffer: the errors' type names (empty on success).</summary>
    public async Task<(JsonElement Payload, string[] Errors)> RedeemAsync(string code, string orderId)
    {
        var payload = (await PostAsync(RedeemMutation, new { code, orderId })).GetProperty("redeemOffer");
        return (
            payload,
            payload
                .GetProperty("errors")
                .EnumerateArray()
                .Select(e => e.GetProperty("__typename").GetString()!)
                .ToArray()
        );
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Http.Dispose();
        base.Dispose(disposing);
    }
}
