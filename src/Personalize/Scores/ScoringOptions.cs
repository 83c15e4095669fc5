using Microsoft.Extensions.Options;
using Personalize.Lifetime;

namespace Personalize.Scores;

/// <summary>Bound from the "Scores" section (unknown keys are errors).</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scores";

    /// <summary>The unit the purchase models are fitted in (their rates are reported in it).</summary>
    public ClvTimeUnit TimeUnit { get; set; } = ClvTimeUnit.Week;

    /// <summary>Months of future purchases the predicted CLV counts.</summary>
    public int HorizonMonths { get; set; } = 12;

    /// <summary>Annual rate the predicted CLV is discounted at (monthly compounding).</summary>
    public double AnnualDiscountRate { get; set; } = 0.10;

    /// <summary>Snapshots kept in the database (older ones and their per-customer rows are deleted).</summary>
    public int KeepSnapshots { get; set; } = 3;

    /// <summary>Purchase models the recompute chooses from (BgNbd, ParetoNbd, MbgNbd); empty = all of them.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Days before the as-of date held out to back-test the candidate models.</summary>
    public int HoldoutDays { get; set; } = 90;

    /// <summary>Fewer repeat customers than this before the holdout: the model is chosen by BIC instead of a
    /// back-test.</summary>
    public int MinimumBacktestRepeatCustomers { get; set; } = 30;

    /// <summary>
    /// The back-test is judged on a random sample of this many calibration customers when there are more (0 = all of
    /// them); the model in use is still fitted on everyone. docs/clv.md gives the noise the sample adds.
    /// </summary>
    public int BacktestSampleCustomers { get; set; } = 100_000;

    /// <summary>L2 penalty on the rescaled log-parameters of every fit (0 = plain maximum likelihood); see
    /// docs/clv.md.</summary>
    public double Penalizer { get; set; }

    public IReadOnlyList<PurchaseModelKind> ModelKinds() =>
        Models.Count == 0
            ? PurchaseModelKindExtensions.All
            : Models
                .Select(m =>
                    PurchaseModelKindExtensions.TryParse(m, out var k)
                        ? k
                        : throw new InvalidOperationException($"Scores:Models: unknown model '{m}'.")
                )
                .Distinct()
                .ToList();
}

/// <summary>Checks the "Scores" section when it is first read; each message names the key.</summary>
public sealed class ScoringOptionsValidator : IValidateOptions<ScoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ScoringOptions o)
    {
        var problems = new List<string>();
        if (o.HorizonMonths is < 1 or > 120)
            problems.Add("Scores:HorizonMonths must be between 1 and 120.");
        if (!(o.AnnualDiscountRate > -1 && o.AnnualDiscountRate < 10))
            problems.Add("Scores:AnnualDiscountRate must lie in (-1, 10).");
        if (o.KeepSnapshots < 1)
            problems.Add("Scores:KeepSnapshots must be at least 1.");
        if (o.HoldoutDays is < 1 or > 3650)
            problems.Add("Scores:HoldoutDays must be between 1 and 3650.");
        if (o.MinimumBacktestRepeatCustomers < 1)
            problems.Add("Scores:MinimumBacktestRepeatCustomers must be at least 1.");
        if (!(o.Penalizer >= 0 && o.Penalizer <= 100))
            problems.Add("Scores:Penalizer must be between 0 and 100.");
        if (o.BacktestSampleCustomers is < 0 or > 0 and < 1000)
            problems.Add("Scores:BacktestSampleCustomers must be 0 (everyone) or at least 1000.");
        foreach (var m in o.Models)
            if (!PurchaseModelKindExtensions.TryParse(m, out _))
                problems.Add(
                    $"Scores:Models: unknown model '{m}' (expected "
                        + $"{string.Join(", ", PurchaseModelKindExtensions.All)})."
                );
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
