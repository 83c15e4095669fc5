using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Import;
using Personalize.Lifetime;
using Personalize.Scores;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Scores;

/// <summary>
/// The literature check, end to end: the CDNOW sample through the project's own import, `scores recompute` as of
/// 1997-09-30, and the fitted models read back through GraphQL, against Fader, Hardie &amp; Lee (2005) and Fader &amp;
/// Hardie (2013).
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

        var summary = await _api
            .Services.GetRequiredService<ScoreRecomputer>()
            .RecomputeAsync(new DateOnly(1997, 9, 30));

        var model = (
            await _api.DataAsync(
                """
                { clvModel { timeUnit customerCount repeatCustomerCount bgNbd { r alpha a b logLikelihood } gammaGamma { p q gamma customerCount } } }
                """
            )
        ).GetProperty("clvModel");
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
        AssertWithin1Percent(
            1.226,
            new BgNbdModel(new BgNbdParameters(bg["r"], bg["alpha"], bg["a"], bg["b"])).ConditionalExpectedPurchases(
                39,
                2,
                30.43,
                38.86
            )
        );

        // Every model was a candidate; the one in use won the back-test on the 90 days before the as-of date, and says
        // so.
        var selection = (
            await _api.DataAsync(
                """
                { clvModel { selectionRule selectionReason holdoutDays purchaseModel { model parameters { name value } logLikelihood onBound }
                             candidates { model logLikelihood bic holdoutPredicted holdoutActual holdoutMae holdoutRmse parameters { name } } } }
                """
            )
        ).GetProperty("clvModel");
        Assert.Equal("BACKTEST", selection.GetProperty("selectionRule").GetString());
        Assert.Equal(90, selection.GetProperty("holdoutDays").GetInt32());
        var candidates = selection.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["BG_NBD", "PARETO_NBD", "MBG_NBD"], candidates.Select(c => c.GetProperty("model").GetString()));
        var winner = candidates.MinBy(c => c.GetProperty("holdoutRmse").GetDouble());
        var inUse = selection.GetProperty("purchaseModel");
        Assert.Equal(winner.GetProperty("model").GetString(), inUse.GetProperty("model").GetString());
        Assert.Equal(
            winner.GetProperty("logLikelihood").GetDouble(),
            inUse.GetProperty("logLikelihood").GetDouble(),
            6
        );
        Assert.StartsWith("Back-test", selection.GetProperty("selectionReason").GetString());
        Assert.All(candidates, c =>
            Assert.True(
                c.GetProperty("holdoutActual").GetInt64() > 0 && c.GetProperty("holdoutPredicted").GetDouble() > 0
            )
        );
        var pareto = candidates.Single(c => c.GetProperty("model").GetString() == "PARETO_NBD");
        AssertWithin1Percent(-9595.0, pareto.GetProperty("logLikelihood").GetDouble());
        Assert.Equal(
            ["r", "alpha", "s", "beta"],
            pareto.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString())
        );

        // The customers' score indexes, set aside while every row was rewritten, are back.
        await using (
            var db = await _api
                .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync()
        )
        {
            var indexes = await db
                .Database.SqlQueryRaw<string>(
                    "SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Customers'"
                )
                .ToListAsync();
            Assert.Contains("IX_Customers_PredictedClv_Id", indexes);
            Assert.Contains("IX_Customers_ProbabilityAlive_Id", indexes);
            Assert.Contains("IX_Customers_RfmScore_Id", indexes);
            Assert.Contains("IX_Customers_HistoricalClv_Id", indexes);
        }

        // Every customer is scored, and each score is readable through the API.
        var customers = await _api.DataAsync(
            """{ customers(first: 5, order: [{ predictedClv: DESC }]) { totalCount nodes { clv { predicted probabilityAlive } } } }"""
        );
        Assert.Equal(2357, customers.GetProperty("customers").GetProperty("totalCount").GetInt32());
        Assert.All(customers.GetProperty("customers").GetProperty("nodes").EnumerateArray(), n =>
            Assert.True(n.GetProperty("clv").GetProperty("predicted").GetDecimal() > 0)
        );
    }

    [Fact]
    public async Task Each_candidates_calibration_vs_holdout_table_matches_a_count_of_the_orders()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "TestData", "cdnow", "CDNOW_sample.txt");
        Assert.True((await _api.Services.GetRequiredService<DataImporter>().ImportCdnowAsync(sample)).Committed);
        var asOf = new DateOnly(1997, 9, 30);
        var snapshot = (await _api.Services.GetRequiredService<ScoreRecomputer>().RecomputeAsync(asOf)).Snapshot;

        // Independently: each customer's distinct purchase days before and after the calibration end, from the order
        // rows.
        var calibrationEnd = asOf.AddDays(-snapshot.HoldoutDays).ToDateTime(TimeOnly.MinValue);
        await using var db = await _api
            .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        var orders = await db.Orders.Select(o => new { o.CustomerId, o.OrderedAt }).ToListAsync();
        var customers = orders
            .GroupBy(o => o.CustomerId)
            .Select(g =>
            {
                var calibration = g.Select(o => o.OrderedAt.Date)
                    .Where(d => d <= calibrationEnd)
                    .Distinct()
                    .Order()
                    .ToList();
                var holdout = g.Select(o => o.OrderedAt.Date)
                    .Where(d => d > calibrationEnd && d <= asOf.ToDateTime(TimeOnly.MinValue))
                    .Distinct()
                    .Count();
                return (Calibration: calibration, Holdout: holdout);
            })
            .Where(c => c.Calibration.Count > 0)
            .ToList();

        var data = (
            await _api.DataAsync(
                """
                { clvModel { candidates { model holdoutActual holdoutPredicted
                                          holdoutByFrequency { frequency andAbove customers meanActual meanPredicted } } } }
                """
            )
        ).GetProperty("clvModel").GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(3, data.Count);
        foreach (var candidate in data)
        {
            var kind = snapshot
                .CandidateList()
                .Single(c => c.Kind.ToString() == ToPascal(candidate.GetProperty("model").GetString()!));
            var model = new PurchaseModelParameters(
                kind.Kind,
                kind.Kind.ParameterNames().Select(n => kind.Backtest!.Parameters![n]).ToArray()
            ).CreateModel();
            var rows = candidate.GetProperty("holdoutByFrequency").EnumerateArray().ToList();
            Assert.Equal(21, rows.Count);
            for (var x = 0; x <= 20; x++)
            {
                var row = rows[x];
                Assert.Equal(x, row.GetProperty("frequency").GetInt32());
                Assert.Equal(x == 20, row.GetProperty("andAbove").GetBoolean());
                var members = customers
                    .Where(c => x == 20 ? c.Calibration.Count - 1 >= 20 : c.Calibration.Count - 1 == x)
                    .ToList();
                Assert.Equal(members.Count, row.GetProperty("customers").GetInt32());
                if (members.Count == 0)
                    continue;
                Assert.Equal(members.Average(c => (double)c.Holdout), row.GetProperty("meanActual").GetDouble(), 12);
                // The candidate's calibration fit applied to (x, t_x, T) in weeks, counted here from the dates.
                var predicted = members.Average(c =>
                    model.ConditionalExpectedPurchases(
                        snapshot.HoldoutDays / 7.0,
                        c.Calibration.Count - 1,
                        (c.Calibration[^1] - c.Calibration[0]).TotalDays / 7,
                        (calibrationEnd - c.Calibration[0]).TotalDays / 7
                    )
                );
                Assert.Equal(predicted, row.GetProperty("meanPredicted").GetDouble(), 9);
            }
            Assert.Equal(
                candidate.GetProperty("holdoutActual").GetInt64(),
                rows.Sum(r => r.GetProperty("customers").GetInt32() * r.GetProperty("meanActual").GetDouble()),
                6
            );
            Assert.Equal(
                candidate.GetProperty("holdoutPredicted").GetDouble(),
                rows.Sum(r => r.GetProperty("customers").GetInt32() * r.GetProperty("meanPredicted").GetDouble()),
                6
            );
        }
        Assert.True(customers.Sum(c => c.Holdout) > 0);
    }

    private static string ToPascal(string graphQlEnum) =>
        string.Concat(graphQlEnum.Split('_').Select(w => w[0] + w[1..].ToLowerInvariant()));

    private static void AssertWithin1Percent(double expected, double actual) =>
        Assert.True(
            Math.Abs(actual - expected) <= Math.Abs(expected) * 0.01,
            $"expected {expected} ± 1%, got {actual}"
        );
}
