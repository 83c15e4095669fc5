namespace Personalize.Tests.Infrastructure;

/// <summary>The service with the demo store seeded on first start, anchored at a fixed date so the data never
/// changes.</summary>
public sealed class DemoStoreFactory()
    : ApiFactory(
        new Dictionary<string, string?>
        {
            ["Seed:Demo"] = "true",
            ["Seed:AnchorDate"] = AnchorDate,
            // The heaviest operations (the dashboard's KPIs) share two cores with the whole suite: no test here is about the
            // production time limit (LimitTests is), so a loaded machine must not turn a slow answer into a failure.
            ["GraphQL:ExecutionTimeoutMs"] = "120000",
        }
    )
{
    public const string AnchorDate = "2026-11-01";
}

[CollectionDefinition(Name)]
public sealed class DemoStoreCollection : ICollectionFixture<DemoStoreFactory>
{
    public const string Name = "demo store";
}
