using Personalize.Recommendations.Serving;

namespace Personalize.Personalization;

/// <summary>Why an answer may not be what was asked, in sentences a storefront developer can act on.</summary>
public sealed class PersonalizationNotes(RecommendationSnapshots snapshots)
{
    /// <summary>The warning for a placement id that does not exist (a typo gets no pins or limits); null when it
    /// exists.</summary>
    public string? UnknownPlacement(string? placement) =>
        snapshots.KnowsPlacement(placement)
            ? null
            : $"No placement has the id '{placement}': no pins, buries, exclusions or diversity limits applied.";

    /// <summary>The notes of a visit whose recommendation list has <paramref name="returned"/> items.</summary>
    public IReadOnlyList<string> For(Visit visit, int returned)
    {
        var notes = new List<string>();
        if (UnknownPlacement(visit.Placement) is { } unknown)
            notes.Add(unknown);
        if (returned < visit.First)
            notes.Add(
                $"{returned} of the {visit.First} recommendations asked for: only {returned} items were valid "
                    + "after the rules "
                    + "(published now, on the channel, in the customer's language, not taken before unless repeatable, "
                    + "not dismissed, within the placement's diversity limits)."
            );
        return notes;
    }
}
