using System.Text.Json;

namespace Personalize.Recommendations.Serving;

/// <summary>One candidate's figures on the validation window, as stored with a model version.</summary>
public sealed record ModelCandidate(
    string Name,
    string Parameters,
    bool Simple,
    double NdcgAt10,
    double HitRateAt10,
    double RecallAt10,
    double Coverage,
    string? Note
);

/// <summary>
/// What a model version serves and why, stored with it (UTF-8 JSON in <see cref="RecommenderModelVersion.Selection"/>):
/// the selected recommender, the reason, the validation window and every candidate's figures.
/// </summary>
public sealed record ModelSelection(
    string Selected,
    string Parameters,
    string Reason,
    DateTime ValidationFrom,
    DateTime ValidationUntil,
    int ValidationCustomers,
    int K,
    IReadOnlyList<ModelCandidate> Candidates
)
{
    public static readonly ModelSelection None = new("", "", "", DateTime.MinValue, DateTime.MinValue, 0, 10, []);

    public static ModelSelection From(SelectionReport report, int k = 10) =>
        new(
            report.Selected,
            report.Parameters,
            report.Reason,
            report.ValidationFrom,
            report.ValidationUntil,
            report.ValidationCustomers,
            k,
            report
                .Candidates.Select(c => new ModelCandidate(
                    c.Name,
                    c.Parameters,
                    c.Simple,
                    c.Ndcg,
                    c.HitRate,
                    c.Recall,
                    c.Coverage,
                    c.Note
                ))
                .ToList()
        );

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static ModelSelection FromBytes(byte[]? bytes) =>
        bytes is { Length: > 0 } ? JsonSerializer.Deserialize<ModelSelection>(bytes) ?? None : None;
}
