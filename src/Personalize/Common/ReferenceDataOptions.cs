namespace Personalize.Common;

/// <summary>How long reference data read by every request (running offers, active segments) may be reused.</summary>
public sealed class ReferenceDataOptions
{
    public const string Section = "ReferenceData";

    /// <summary>Seconds a process reuses what it read; changes made through another instance show within this
    /// time.</summary>
    public int RefreshSeconds { get; set; } = 5;

    public TimeSpan MaxAge => TimeSpan.FromSeconds(Math.Max(0, RefreshSeconds));
}
