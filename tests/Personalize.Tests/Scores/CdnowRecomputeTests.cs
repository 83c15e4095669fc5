using Microsoft.Extensions.DependencyInjection;
using Personalize.Import;
using Personalize.Lifetime;
using Personalize.Scores;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Scores;

/// <summary>
/// The literature check, end to end: the CDNOW sample through the project's own import, `scores recompute` as of
/// 1997-09-30, and the fitted models read back through GraphQL, against Fader, Hardie &amp; Lee (2005) and Fader &amp; Hardie (2013).
/// </summary>
public sealed class CdnowRecomputeTests : IDisposable
{
    private readonly ApiFactory _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Recompute_as_of_the_end_of_calibration_reproduces_the_published_estimates()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "TestData", "cdnow", "CDNOW_sample.txt");
        var imported = await _api.Services.GetRequiredService<DataImporter>().ImportCdnowAsync(sample);
        Assert.True(imported.Committed, imported.ToString());

        var summary = await _api.Services.GetRequiredService<ScoreRecomputer>().RecomputeAsync(new DateOnly(1997, 9, 30));

        var model = (await _api.DataAsync("""
            { clvModel { timeUnit customerCount repeatCustomerCount bgNbd { r alpha a b logLikelihood } gammaGamma { p q gamma customerCount } } }
            """)).GetProperty("clvModel");
        Assert.Equal("WEEK", model.GetProperty("timeUnit").GetString());
        Assert.Equal(2357, model.GetProperty("customerCount").GetInt32());
        var bgNbd = model.GetProperty("bgNbd");
        AssertWithin1Percent(0.243, bgNbd.GetProperty("r").GetDouble());
        AssertWithin1Percent(4.414, bgNbd.GetProperty("alpha").GetDouble());
        AssertWithin1Percent(0.793, bgNbd.GetProperty("a").GetDouble());
        AssertWithin1Percent(2.426, bgNbd.GetProperty("b").GetDouble());
        AssertWithin1Percent(-9582.4, bgNbd.GetProperty("logLikelihood").GetDouble());
        var gammaGamma = model.GetProperty("gammaGamma");
        Assert.Equal(946, gammaGamma.GetProperty("customerCount").GetInt32());
        AssertWithin1Percent(6.25, gammaGamma.GetProperty("p").GetDouble());
        AssertWithin1Percent(3.74, gammaGamma.GetProperty("q").GetDouble());
        AssertWithin1Percent(15.44, gammaGamma.GetProperty("gamma").GetDouble());

        // The paper's worked example: x = 2, t_x = 30.43, T = 38.86 weeks expects 1.226 purchases in the next 39 weeks.
        var bg = summary.Snapshot.CandidateList().Single(c => c.Kind == PurchaseModelKind.BgNbd).Parameters!;
        AssertWithin1Percent(1.226, new BgNbdModel(new BgNbdParameters(bg["r"], bg["alpha"], bg["a"], bg["b"])).ConditionalExpectedPurchases(39, 2, 30.43, 38.86));

        // Every model was a candidate; the one in use won the back-test on the 90 days before the as-of date, and says so.
        var selection = (await _api.DataAsync("""
            { clvModel { selectionRule selectionReason holdoutDays purchaseModel { model parameters { name value } logLikelihood onBound }
                         candidates { model logLikelihood bic holdoutPredicted holdoutActual holdoutMae holdoutRmse parameters { name } } } }
            """)).GetProperty("clvModel");
        Assert.Equal("BACKTEST", selection.GetProperty("selectionRule").GetString());
        Assert.Equal(90, selection.GetProperty("holdoutDays").GetInt32());
        var candidates = selection.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["BG_NBD", "PARETO_NBD", "MBG_NBD"], candidates.Select(c => c.GetProperty("model").GetString()));
        var winner = candidates.MinBy(c => c.GetProperty("holdoutRmse").GetDouble());
        var inUse = selection.GetProperty("purchaseModel");
        Assert.Equal(winner.GetProperty("model").GetString(), inUse.GetProperty("model").GetString());
        Assert.Equal(winner.GetProperty("logLikelihood").GetDouble(), inUse.GetProperty("logLikelihood").GetDouble(), 6);
        Assert.StartsWith("Back-test", selection.GetProperty("selectionReason").GetString());
        Assert.All(candidates, c => Assert.True(c.GetProperty("holdoutActual").GetInt64() > 0 && c.GetProperty("holdoutPredicted").GetDouble() > 0));
        var pareto = candidates.Single(c => c.GetProperty("model").GetString() == "PARETO_NBD");
        AssertWithin1Percent(-9595.0, pareto.GetProperty("logLikelihood").GetDouble());
        Assert.Equal(["r", "alpha", "s", "beta"], pareto.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        // Every customer is scored, and each score is readable through the API.
        var customers = await _api.DataAsync("""{ customers(first: 5, order: [{ predictedClv: DESC }]) { totalCount nodes { clv { predicted probabilityAlive } } } }""");
        Assert.Equal(2357, customers.GetProperty("customers").GetProperty("totalCount").GetInt32());
        Assert.All(customers.GetProperty("customers").GetProperty("nodes").EnumerateArray(), n => Assert.True(n.GetProperty("clv").GetProperty("predicted").GetDecimal() > 0));
    }

    private static void AssertWithin1Percent(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Abs(expected) * 0.01, $"expected {expected} ± 1%, got {actual}");
}
