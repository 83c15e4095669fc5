// Webhook delivery throughput: events written to the outbox, delivered by the real dispatcher (fan-out, leases,
// signing, HTTP) to a Kestrel receiver on loopback that answers 200. Each run creates a fresh endpoint, appends the
// events in transactions of 500, then runs delivery rounds until the receiver has every one; prints events/s per run
// and the median. Usage: dotnet run -c Release --project bench/EventBench -- [EVENTS] [CUSTOMERS] [RUNS]
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Personalize;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Events;
using Personalize.Webhooks;

var events = Arg(0, 20_000);
var customerCount = Arg(1, 5_000);
var runs = Arg(2, 3);
var work = Directory.CreateTempSubdirectory("personalize-bench-events-").FullName;

var receiverPort = FreePort();
var received = 0;
var receiverBuilder = WebApplication.CreateSlimBuilder();
receiverBuilder.WebHost.UseUrls($"http://127.0.0.1:{receiverPort}");
receiverBuilder.Logging.ClearProviders();
await using var receiver = receiverBuilder.Build();
receiver.MapPost("/hooks", () =>
{
    Interlocked.Increment(ref received);
    return Results.Ok();
});
await receiver.StartAsync();

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:Personalize"] = $"Data Source={Path.Combine(work, "bench.db")}",
            ["Events:Webhooks:DefaultMaxConcurrency"] = "32",
            ["Events:Webhooks:DefaultMaxPerSecond"] = "100000",
            ["Events:Webhooks:BatchSize"] = "1000",
        }
    )
    .Build();
await using var services = new ServiceCollection()
    .AddLogging(l => l.AddFilter(_ => false))
    .AddPersonalizeEngine(configuration)
    .BuildServiceProvider();
try
{
    await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(default);
    var factory = services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
    await using (var db = await factory.CreateDbContextAsync())
    {
        db.Customers.AddRange(
            Enumerable
                .Range(0, customerCount)
                .Select(c => new Customer
                {
                    ExternalId = $"c{c}",
                    CreatedAt = DateTime.UtcNow,
                    FirstSeenAt = DateTime.UtcNow,
                })
        );
        await db.SaveChangesAsync();
    }
    long[] ids;
    await using (var db = await factory.CreateDbContextAsync())
        ids = await db.Customers.Select(c => c.Id).ToArrayAsync();
    var outbox = services.GetRequiredService<EventOutbox>();
    var dispatcher = services.GetRequiredService<WebhookDispatcher>();

    var rates = new List<double>();
    for (var run = 1; run <= runs; run++)
    {
        var endpoint = (
            await services
                .GetRequiredService<WebhookService>()
                .CreateAsync(new WebhookEndpointInput(Url: $"http://127.0.0.1:{receiverPort}/hooks"), default)
        ).Value!;
        for (var start = 0; start < events; start += 500)
        {
            await using var db = await factory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await outbox.AppendAsync(
                db,
                Enumerable
                    .Range(start, Math.Min(500, events - start))
                    .Select(i => CustomerEvents.ConsentChanged(ids[i % ids.Length], true, i % 2 == 0, DateTime.UtcNow))
                    .ToList(),
                default
            );
            await transaction.CommitAsync();
        }
        Interlocked.Exchange(ref received, 0);
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref received) < events)
        {
            var answered = dispatcher.NextAnswer;
            var (fannedOut, started) = await dispatcher.RunRoundAsync(default);
            if (fannedOut == 0 && started == 0)
                await Task.WhenAny(answered, Task.Delay(20));
        }
        clock.Stop();
        rates.Add(events / clock.Elapsed.TotalSeconds);
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"run {run}: {events:N0} events in {clock.Elapsed.TotalSeconds:F2} s = {rates[^1]:N0} events/s"
            )
        );
        await services.GetRequiredService<WebhookService>().DeleteAsync(endpoint.Id, default);
    }
    rates.Sort();
    Console.WriteLine(
        string.Create(
            CultureInfo.InvariantCulture,
            $"Webhook delivery: median {rates[rates.Count / 2]:N0} events/s over {runs} runs ({events:N0} events, "
                + $"{customerCount:N0} customers; target 2,000/s)"
        )
    );
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(work, recursive: true);
}

int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var value) ? value : fallback;

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}
