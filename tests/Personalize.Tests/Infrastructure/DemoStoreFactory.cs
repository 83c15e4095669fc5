namespace Personalize.Tests.Infrastructure;

/// <summary>The service with the demo store seeded on first start, anchored at a fixed date so the data never changes.</summary>
public sealed class DemoStoreFactory() : ApiFactory(new Dictionary<string, string?>
{
    ["Seed:Demo"] = "true",
    ["Seed:AnchorDate"] = AnchorDate,
})
{
    public const string AnchorDate = "2026-11-01";
}

[CollectionDefinition(Name)]
public sealed class DemoStoreCollection : ICollectionFixture<DemoStoreFactory>
{
    public const string Name = "demo store";
}
