namespace Personalize.Surveys;

/// <summary>One answer to a satisfaction survey.</summary>
public class SurveyResponse
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public SurveyKind Kind { get; set; }

    /// <summary>0-10 for NPS, 1-5 for CSAT.</summary>
    public int Score { get; set; }
    public string? Comment { get; set; }
    public DateTime RespondedAt { get; set; }
    public string? IdempotencyKey { get; set; }
}

public enum SurveyKind
{
    [System.ComponentModel.Description("Net Promoter Score question: how likely to recommend us, 0-10.")]
    Nps,

    [System.ComponentModel.Description("Customer satisfaction, 1-5.")]
    Csat,
}
