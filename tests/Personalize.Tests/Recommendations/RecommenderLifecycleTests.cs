using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Recommendations;
using Personalize.Recommendations.Serving;
using Personalize.Tests.Infrastructure;
using Personalize.Tests.Scores;

namespace Personalize.Tests.Recommendations;

/// <summary>
/// A small demo store with a real Redis as its cache: training a new version while requests run, the candidate lists
/// in Redis (one MGET a page), and the database answering while Redis is down.
/// </summary>
public sealed class RecommenderLifecycleTests(RecommenderLifecycleTests.Store store)
    : IClassFixture<RecommenderLifecycleTests.Store>
{
    private ApiFactory _api => store.Api;
    private RedisAdmin _admin => store.Admin;
    private RedisServer _redis => store.Redis;

    private const string EmailPage = """
        { customers(first: 40, where: { consentPersonalization: { eq: true }, orderCount: { gte: 2 } }, order: [{ id: ASC }]) {
            nodes { id recommendations(first: 5, channel: EMAIL) { item { id } score reason { code text } } } } }
        """;

    /// <summary>Seeded, scored and trained once for the class, writing the candidate lists to Redis.</summary>
    public sealed class Store : IAsyncLifetime
    {
        public RedisServer Redis { get; } = new();
        public ApiFactory Api { get; private set; } = null!;
        public RedisAdmin Admin { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Redis.StartAsync();
            Admin = new RedisAdmin(Redis);
            Api = new SmallDemoStore(Redis.ConnectionString);
            await Api.DataAsync("{ __typename }");
        }

        public async Task DisposeAsync()
        {
            Api.Dispose();
            await Admin.DisposeAsync();
            await Redis.DisposeAsync();
        }
    }

    private sealed class SmallDemoStore(string redis)
        : ApiFactory(
            new Dictionary<string, string?>
            {
                ["Seed:Demo"] = "true",
                ["Seed:Customers"] = "400",
                ["Seed:AnchorDate"] = DemoStoreFactory.AnchorDate,
                ["ConnectionStrings:Redis"] = redis,
                ["Recommendations:KeepVersions"] = "1",
            }
        );

    private static DateTime Anchor => DateTime.Parse(DemoStoreFactory.AnchorDate + "T00:00:00Z").ToUniversalTime();

    private async Task<long> ServedVersionAsync() =>
        (await _api.DataAsync("{ recommenderModel { version } }"))
            .GetProperty("recommenderModel")
            .GetProperty("version")
            .GetInt64();

    [Fact]
    public async Task A_new_version_trained_while_requests_run_is_served_without_a_restart_or_a_failed_request_and_older_versions_are_pruned()
    {
        var before = await ServedVersionAsync();
        var failures = new ConcurrentBag<string>();
        var answered = 0;
        using var stop = new CancellationTokenSource();
        var clients = Enumerable
            .Range(0, 3)
            .Select(_ =>
                Task.Run(async () =>
                {
                    using var http = _api.CreateClient();
                    while (!stop.IsCancellationRequested)
                    {
                        using var response = await http.PostAsJsonAsync("/graphql", new { query = EmailPage });
                        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                        if (!response.IsSuccessStatusCode || body.TryGetProperty("errors", out JsonElement _))
                            failures.Add(body.ToString());
                        else if (
                            body.GetProperty("data")
                                .GetProperty("customers")
                                .GetProperty("nodes")
                                .EnumerateArray()
                                .Any(n => n.GetProperty("recommendations").GetArrayLength() == 0)
                        )
                            failures.Add("an empty list: " + body);
                        Interlocked.Increment(ref answered);
                    }
                })
            )
            .ToList();

        var snapshots = _api.Services.GetRequiredService<RecommendationSnapshots>();
        var trained = await _api.Services.GetRequiredService<RecommenderTrainer>().TrainAsync(Anchor.AddDays(-7));
        await snapshots.RefreshAsync(CancellationToken.None);
        var servedDuring = Volatile.Read(ref answered);
        await Eventually.ReadAsync(() => Task.FromResult(Volatile.Read(ref answered)), n => n > servedDuring + 10);
        stop.Cancel();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.True(answered > servedDuring, "requests were answered after the swap");
        Assert.Equal(before + 1, trained.Version);
        Assert.Equal(trained.Version, await ServedVersionAsync());
        Assert.Equal(Anchor.AddDays(-7), (await snapshots.GetAsync(CancellationToken.None)).Model.AsOf);

        // Versions beyond Recommendations:KeepVersions are deleted; the choice is stored with the version, and when the
        // re-ranker is served its ML.NET zip loads again (other models keep no zip).
        await using var db = await _api
            .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        var stored = await db.RecommenderModels.OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([trained.Version], stored.Select(m => m.Id));
        Assert.Equal(trained.Selection.Selected, stored[0].Selected);
        Assert.Equal(trained.Selection.Reason, stored[0].SelectionReason);
        if (trained.Training is { } training)
        {
            using var reloaded = RerankModel.FromBytes(stored[0].Model, training);
            Assert.Equal(stored[0].Model.Length, reloaded.ToBytes().Length);
        }
        else
            Assert.Empty(stored[0].Model);
        Assert.Equal(
            trained.CandidateCustomers,
            await db.CustomerCandidates.CountAsync(c => c.ModelVersion == trained.Version)
        );
    }

    [Fact]
    public async Task Candidate_lists_of_a_page_are_one_MGET_and_the_database_answers_while_Redis_is_down()
    {
        var lists = (StackExchange.Redis.RedisResult[])(await _admin.Database.ExecuteAsync("KEYS", "pz:cand:*"))!;
        Assert.True(lists.Length > 300, $"training cached {lists.Length} lists");

        var mgetBefore = await _admin.CallsAsync("mget");
        var fromRedis = await _api.DataAsync(EmailPage);
        Assert.Equal(mgetBefore + 1, await _admin.CallsAsync("mget"));
        Assert.Contains("BECAUSE_YOU_", fromRedis.ToString());

        await _redis.StopAsync();
        var whileDown = await _api.GraphQLAsync(EmailPage);
        Assert.False(whileDown.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal(fromRedis.ToString(), whileDown.GetProperty("data").ToString());
        await _redis.StartAsync();
    }
}
