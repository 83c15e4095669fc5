namespace Personalize.Seeding;

/// <summary>Bound from the "Seed" section.</summary>
public sealed class DemoStoreOptions
{
    public const string Section = "Seed";

    /// <summary>Load the demo store into a new database on startup.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>The day the generated history ends (orders span the three years before it); null means today
    /// (UTC).</summary>
    public DateTime? AnchorDate { get; set; }

    /// <summary>The folder with the catalog files; null means the seed folder next to the executable.</summary>
    public string? Directory { get; set; }
    public int Customers { get; set; } = 5000;
    public int RandomSeed { get; set; } = 20240601;
}
