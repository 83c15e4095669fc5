namespace Personalize.Lifetime;

/// <summary>
/// A fitted purchase model: what CLV and the scores need from BG/NBD, Pareto/NBD or MBG/NBD. x, t_x, T and t are in
/// the time unit the parameters were fitted in.
/// </summary>
public interface IPurchaseModel
{
    PurchaseModelParameters Parameters { get; }

    /// <summary>Log-likelihood of one customer's (x, t_x, T).</summary>
    double LogLikelihood(int x, double tx, double T);

    /// <summary>Total log-likelihood of grouped customers.</summary>
    double LogLikelihood(RepeatPurchaseData data);

    /// <summary>P(alive | x, t_x, T): the probability the customer has not dropped out by T.</summary>
    double ProbabilityAlive(int x, double tx, double T);

    /// <summary>E[X(t)]: expected purchases in the first <paramref name="t"/> time units of a new customer.</summary>
    double ExpectedPurchases(double t);

    /// <summary>E[Y(t) | x, t_x, T]: expected purchases in the next <paramref name="t"/> time units, P(alive) × <see
    /// cref="ExpectedPurchasesIfAlive"/>.</summary>
    double ConditionalExpectedPurchases(double t, int x, double tx, double T);

    /// <summary>
    /// Expected purchases in the next <paramref name="t"/> time units of a customer with x repeat purchases and age T
    /// who is still alive: t_x only enters E[Y(t) | x, t_x, T] through P(alive), so this is shared by every t_x.
    /// </summary>
    double ExpectedPurchasesIfAlive(double t, int x, double T);
}
