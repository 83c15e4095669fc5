using Personalize.Api.GraphQL;
using Personalize.Lifetime;

namespace Personalize.Api.Scores;

public sealed class PurchaseModelKindType()
    : DescribedEnumType<PurchaseModelKind>(
        "A purchase (\"buy till you die\") model: BG/NBD (Fader, Hardie & Lee 2005), Pareto/NBD (Schmittlein, "
            + "Morrison & Colombo 1987) or MBG/NBD (Batislam, Denizel & Filiztekin 2007)."
    );
