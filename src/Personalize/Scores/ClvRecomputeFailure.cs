namespace Personalize.Scores;

/// <summary>A `scores recompute` that stored nothing because no purchase model could be fitted; the previous snapshot
/// stays in use.</summary>
public class ClvRecomputeFailure
{
    public long Id { get; set; }
    public DateTime AsOf { get; set; }
    public DateTime AttemptedAt { get; set; }
    public string Reason { get; set; } = "";
}
