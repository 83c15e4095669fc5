using Personalize.Api.GraphQL;
using Personalize.Lifetime.Selection;

namespace Personalize.Api.Scores;

public sealed class SelectionRuleType()
    : DescribedEnumType<SelectionRule>(
        "How the purchase model in use was chosen: BACKTEST (lowest per-customer RMSE on the holdout before the as-of "
            + "date) or BIC (too little history for a back-test: lowest Bayesian information criterion)."
    );
