using Personalize.Content;
using Personalize.Recommendations;

namespace Personalize.Tests.Recommendations;

/// <summary>
/// Selection on generated stores of known process (<see cref="GeneratedStores"/>): it serves the model the process
/// favours, and the served model also wins on a later window it never saw.
/// </summary>
public sealed class RecommenderSelectionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly IReadOnlySet<ContentKind> Products = new HashSet<ContentKind> { ContentKind.Product };
    private static readonly RecommenderOptions Model = RecommenderOptions.Default with
    {
        Iterations = 40,
        MinExamplesPerLeaf = 20,
    };

    /// <summary>Selection as of 30 days before the end (validation window the 30 days before that), then the last 30
    /// days as an unseen test.</summary>
    private (SelectionReport Report, EvaluationProtocol Test) SelectAndTest(GeneratedStores.Store store)
    {
        var log = store.Log();
        var asOf = GeneratedStores.End.AddDays(-30);
        using var outcome = RecommenderSelection.Run(log, asOf, Products, Model, new SelectionOptions());
        var evaluation = RecommenderEvaluation.Evaluate(
            log,
            new RecommenderEvaluationOptions(DateOnly.FromDateTime(asOf), 30) { Recommender = Model }
        );
        // evaluate runs the same selection
        Assert.Equal(outcome.Report, evaluation.Selection! with { Candidates = outcome.Report.Candidates });
        output.WriteLine(store.Name + ": " + Describe(outcome.Report));
        foreach (var t in evaluation.Protocols[0].Scores)
            output.WriteLine(
                $"test {t.Recommender} NDCG {t.Ndcg:0.0000} "
                    + $"HR {t.HitRate:0.0000} recall {t.Recall:0.0000} coverage {t.Coverage:0.0000}"
            );
        return (outcome.Report, evaluation.Protocols[0]);
    }

    [Fact]
    public void On_content_consumed_once_from_latent_tastes_a_co_occurrence_model_is_served_and_beats_popularity_on_the_unseen_window()
    {
        var (report, test) = SelectAndTest(GeneratedStores.LatentFactors());

        Assert.Contains(
            report.Selected,
            new[] { "ease", "rp3beta", "item-knn", "personal-frequency", "lightgbm-rerank" }
        );
        Assert.Contains("beats the best simple model", report.Reason);
        Assert.True(report.Score(report.Selected)!.Ndcg > report.Score("popularity")!.Ndcg);
        Assert.True(
            test.Score(report.Selected).Ndcg > 1.3 * test.Score("popularity").Ndcg,
            $"{report.Selected} {test.Score(report.Selected).Ndcg:0.0000} vs popularity "
                + $"{test.Score("popularity").Ndcg:0.0000}"
        );
    }

    [Fact]
    public void On_a_long_tail_without_personal_structure_a_popularity_variant_is_served()
    {
        var (report, test) = SelectAndTest(GeneratedStores.LongTail());

        Assert.Contains(report.Selected, new[] { "popularity", "stage-popularity" });
        Assert.Contains("more than the noise", report.Reason);
        Assert.True(report.Score(report.Selected)!.Ndcg >= report.Score("popularity")!.Ndcg);
        Assert.True(test.Score(report.Selected).Ndcg >= 0.95 * test.Score("popularity").Ndcg);
    }

    [Fact]
    public void On_repeat_heavy_purchases_personal_frequency_is_served_and_beats_buy_it_again_on_the_unseen_window()
    {
        var (report, test) = SelectAndTest(GeneratedStores.Repeats());

        Assert.True(report.Selected == "personal-frequency", Describe(report));
        Assert.True(
            test.Score("personal-frequency").Ndcg > test.Score("history").Ndcg,
            $"personal-frequency {test.Score("personal-frequency").Ndcg:0.0000} vs history "
                + $"{test.Score("history").Ndcg:0.0000}"
        );
        Assert.True(test.Score("personal-frequency").Ndcg > 1.3 * test.Score("popularity").Ndcg);
    }

    private static string Describe(SelectionReport r) =>
        r.Selected
        + ": "
        + r.Reason
        + "\n"
        + string.Join(
            "\n",
            r.Candidates.Select(c =>
                $"{c.Name} | {c.Parameters} | "
                + $"{c.Ndcg:0.0000} | {c.HitRate:0.0000} | {c.Recall:0.0000} | {c.Coverage:0.0000} | {c.Note}"
            )
        );

    [Fact]
    public void Too_few_validation_customers_serve_popularity_and_say_why()
    {
        var (report, _) = SelectAndTest(GeneratedStores.LatentFactors(customers: 40));

        Assert.True(
            report.ValidationCustomers < new SelectionOptions().MinValidationCustomers,
            $"{report.ValidationCustomers} customers"
        );
        Assert.Equal("popularity", report.Selected);
        Assert.StartsWith(
            $"too little data to judge: {report.ValidationCustomers} customers in the validation window",
            report.Reason
        );
        var rerank = report.Score(RecommenderSelection.Rerank)!;
        Assert.StartsWith("not a candidate:", rerank.Note);
    }
}
