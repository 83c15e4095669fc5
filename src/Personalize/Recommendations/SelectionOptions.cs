namespace Personalize.Recommendations;

/// <summary>
/// How <c>recommender train</c> chooses the recommender it serves (see <see cref="RecommenderSelection"/>), bound from
/// "Recommendations:Selection". The grids are the whole tuning budget: every value is fitted once on the data before
/// the validation window.
/// </summary>
public sealed class SelectionOptions
{
    /// <summary>The most recent days held out to judge the candidates on.</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>The list length judged (NDCG@K, HR@K, Recall@K).</summary>
    public int K { get; set; } = 10;

    /// <summary>Fewer customers with signals on both sides of the validation cut-off than this: too little to judge,
    /// popularity is served.</summary>
    public int MinValidationCustomers { get; set; } = 50;

    /// <summary>The re-ranker competes only when it has at least this many training groups (customer-windows) before
    /// the validation window.</summary>
    public int MinRerankGroups { get; set; } = 500;

    /// <summary>Paired bootstrap resamples over the validation customers.</summary>
    public int Resamples { get; set; } = 1000;
    public int Seed { get; set; } = 42;

    /// <summary>EASE: the regularisation values tried, the items inside the dense solve, the weights kept per
    /// item.</summary>
    public double[] EaseLambdas { get; set; } = [30, 100, 300];
    public int EaseMaxItems { get; set; } = 2000;

    /// <summary>Neighbours kept per item by EASE and RP3beta.</summary>
    public int ItemNeighbours { get; set; } = 100;

    /// <summary>RP3beta: the α × β grid.</summary>
    public double[] Rp3Alphas { get; set; } = [0.5, 1.0];
    public double[] Rp3Betas { get; set; } = [0.0, 0.3, 0.6];

    /// <summary>Personal frequency: half-lives (one neighbour search each), neighbour counts and blends
    /// (cheap).</summary>
    public double[] HalfLifeDays { get; set; } = [30, 90, 365];
    public int[] FrequencyNeighbours { get; set; } = [10, 50];
    public double[] FrequencyAlphas { get; set; } = [0.5, 0.7, 0.9, 1.0];

    /// <summary>The first invalid setting, named, or null.</summary>
    public string? Validate()
    {
        if (WindowDays < 1)
            return "Selection:WindowDays must be at least 1.";
        if (K < 1)
            return "Selection:K must be at least 1.";
        if (MinValidationCustomers < 1)
            return "Selection:MinValidationCustomers must be at least 1.";
        if (MinRerankGroups < 1)
            return "Selection:MinRerankGroups must be at least 1.";
        if (Resamples < 100)
            return "Selection:Resamples must be at least 100.";
        if (EaseLambdas.Length == 0 || EaseLambdas.Any(l => l <= 0))
            return "Selection:EaseLambdas must hold positive values.";
        if (EaseMaxItems < 1)
            return "Selection:EaseMaxItems must be at least 1.";
        if (ItemNeighbours < 1)
            return "Selection:ItemNeighbours must be at least 1.";
        if (Rp3Alphas.Length == 0 || Rp3Alphas.Any(a => a <= 0))
            return "Selection:Rp3Alphas must hold positive values.";
        if (Rp3Betas.Length == 0 || Rp3Betas.Any(b => b < 0))
            return "Selection:Rp3Betas must hold values of 0 or more.";
        if (HalfLifeDays.Length == 0 || HalfLifeDays.Any(h => h <= 0))
            return "Selection:HalfLifeDays must hold positive values.";
        if (FrequencyNeighbours.Length == 0 || FrequencyNeighbours.Any(n => n < 1))
            return "Selection:FrequencyNeighbours must hold values of 1 or more.";
        if (FrequencyAlphas.Length == 0 || FrequencyAlphas.Any(a => a is < 0 or > 1))
            return "Selection:FrequencyAlphas must hold values between 0 and 1.";
        return null;
    }
}
