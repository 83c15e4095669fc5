namespace Personalize.Offers;

/// <summary>A trained P(redeem) model (ML.NET, serialized), with how it was trained and how well it did on held-out
/// assignments.</summary>
public class RedemptionModelRecord
{
    public long Id { get; set; }
    public DateTime TrainedAt { get; set; }
    public int Examples { get; set; }
    public int Redemptions { get; set; }
    public int HeldOutExamples { get; set; }

    /// <summary>Area under the ROC curve on the held-out split.</summary>
    public double HeldOutAuc { get; set; }
    public byte[] Model { get; set; } = [];
}
