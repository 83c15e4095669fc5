using System.Text;
using Microsoft.Data.Sqlite;
using Personalize.Tests.Infrastructure;
using Personalize.Tests.Scores;
using StackExchange.Redis;

namespace Personalize.Tests.Security;

/// <summary>
/// A customer written into every table that can hold one, then erased: afterwards no table, no column, no byte of the
/// SQLite file and its write-ahead log, and no Redis key or value holds the customer's id, email or name.
/// </summary>
public sealed class ErasureTraceTests : IAsyncLifetime
{
    private const string Id = "ZED-7781",
        Email = "zed.tracewell@example.com",
        Name = "Zebediah Tracewell";
    private readonly RedisServer _redis = new();
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        await _redis.StartAsync();
        _api = ApiFactory.With(
            new Dictionary<string, string?>
            {
                ["Seed:Demo"] = "true",
                ["Seed:Customers"] = "300",
                ["Seed:AnchorDate"] = DemoStoreFactory.AnchorDate,
                ["ConnectionStrings:Redis"] = _redis.ConnectionString,
            }
        );
        await _api.DataAsync("{ __typename }");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Erasure_leaves_no_trace_of_the_id_email_or_name_in_the_database_file_or_Redis()
    {
        await SeedEverywhereAsync();
        Assert.NotEmpty(await TracesInDatabaseAsync()); // the scan finds what it looks for

        var erased = await _api.DataAsync(
            $$"""mutation { eraseCustomer(id: "{{Id}}") { erasure { anonymousId } errors { message } } }"""
        );
        Assert.StartsWith(
            "erased-",
            erased.GetProperty("eraseCustomer").GetProperty("erasure").GetProperty("anonymousId").GetString()
        );

        var traces = await TracesInDatabaseAsync();
        Assert.True(traces.Count == 0, "Left after erasure: " + string.Join("; ", traces));
        await CheckpointAsync();
        Assert.Empty(TracesInFiles());
        Assert.Empty(await TracesInRedisAsync());
        var referrer = await _api.DataAsync(
            """{ customer(id: "C00003") { loyalty { history(first: 50) { description } } } }"""
        );
        Assert.Contains(
            referrer.GetProperty("customer").GetProperty("loyalty").GetProperty("history").EnumerateArray(),
            e => e.GetProperty("description").GetString()?.StartsWith("Referred erased-") == true
        );
    }

    private async Task SeedEverywhereAsync()
    {
        await _api.DataAsync(
            $$"""
            mutation {
              upsertCustomer(input: { id: "{{Id}}", email: "{{Email}}", name: "{{Name}}", consentPersonalization: true, consentEmailMarketing: true }) { errors { message } }
              createContentItem(input: { id: "trace-guide", kind: GUIDE, title: "Trace guide", status: PUBLISHED }) { errors { message } }
            }
            """
        );
        await _api.DataAsync(
            $$"""
            mutation {
              first: recordOrder(input: { customerId: "{{Id}}", orderId: "{{Id}}-1", orderedAt: "2026-10-01T10:00:00Z", amount: 900,
                lines: [{ productId: "P1", productName: "Boots", quantity: 1, unitPrice: 900 }] }) { errors { message } }
              second: recordOrder(input: { customerId: "{{Id}}", orderId: "web-{{Email}}", orderedAt: "2026-10-20T10:00:00Z", amount: 700 }) { errors { message } }
              trackInteraction(input: { customerId: "{{Id}}", itemId: "trace-guide", kind: ADD_TO_CART, occurredAt: "2026-10-21T10:00:00Z", idempotencyKey: "cart-{{Email}}" }) { errors { message } }
              recordSurveyResponse(input: { customerId: "{{Id}}", kind: NPS, score: 9, comment: "{{Name}} loves it", idempotencyKey: "nps-{{Email}}" }) { errors { message } }
              redeemPoints(input: { customerId: "{{Id}}", points: 100, idempotencyKey: "points-{{Email}}", description: "For {{Name}}" }) { errors { message } }
              asReferee: recordReferral(input: { referrerId: "C00003", refereeId: "{{Id}}" }) { errors { message } }
              setConsent(input: { customerId: "{{Id}}", emailMarketing: false }) { errors { message } }
            }
            """
        );
        await _api.DataAsync(
            $$"""mutation { asReferrer: recordReferral(input: { referrerId: "{{Id}}", refereeId: "C00004" }) { errors { message } } }"""
        );
        await _api.DataAsync(
            $$"""{ customer(id: "{{Id}}") { offers(channel: WEB) { code } recommendations(first: 3) { item { id } } } }"""
        );
        var experiment = (await _api.DataAsync("{ experiments { id } }"))
            .GetProperty("experiments")[0]
            .GetProperty("id")
            .GetString();
        await _api.DataAsync(
            $$"""
            mutation {
              recordExposure(input: { experimentId: "{{experiment}}", customerId: "{{Id}}" }) { errors { message } }
              recordConversion(input: { experimentId: "{{experiment}}", customerId: "{{Id}}", value: 10, idempotencyKey: "conv-{{Email}}" }) { errors { message } }
            }
            """
        );
        await _api.DataAsync($$"""{ exportCustomer(id: "{{Id}}") { customerId } }""");
    }

    private static readonly string[] Needles = [Id, Email, Name, "Zebediah", "Tracewell"];

    private static bool Holds(string text) => Needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every value of every column of every table, as text.</summary>
    private async Task<List<string>> TracesInDatabaseAsync()
    {
        var found = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        Assert.Contains("Customers", tables);
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text =
                        reader.IsDBNull(i) ? ""
                        : reader.GetValue(i) is byte[] bytes ? Encoding.UTF8.GetString(bytes)
                        : Convert.ToString(reader.GetValue(i)) ?? "";
                    if (Holds(text))
                        found.Add($"{table}.{reader.GetName(i)} = {text[..Math.Min(text.Length, 80)]}");
                }
        }
        return found;
    }

    /// <summary>
    /// The erasure folds the write-ahead log into the file itself, but a reader busy at that moment (a background job)
    /// can postpone it to the next checkpoint: the test waits for one that completes.
    /// </summary>
    private async Task CheckpointAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await Eventually.ReadAsync(
            async () =>
            {
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await using var reader = await checkpoint.ExecuteReaderAsync();
                return await reader.ReadAsync() ? reader.GetInt32(0) : -1; // 0: done, 1: a reader held it back
            },
            busy => busy == 0
        );
    }

    /// <summary>The raw bytes of the database file and its write-ahead log: free pages and old page images
    /// included.</summary>
    private IEnumerable<string> TracesInFiles()
    {
        foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal" }.Where(File.Exists))
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            foreach (var needle in Needles.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                yield return $"{Path.GetFileName(file)} holds {needle}";
        }
    }

    private async Task<List<string>> TracesInRedisAsync()
    {
        await using var admin = new RedisAdmin(_redis);
        var found = new List<string>();
        var server = (await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString)).GetServer(
            _redis.ConnectionString
        );
        var keys = server.Keys(pattern: "*").ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var dump = await admin.Database.KeyDumpAsync(key);
            if (Holds(key.ToString()) || dump is not null && Holds(Encoding.UTF8.GetString(dump)))
                found.Add(key.ToString());
        }
        return found;
    }

    private string DatabaseFile => Path.Combine(_api.Directory, "test.db");
}
