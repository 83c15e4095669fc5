using System.Globalization;

namespace Personalize.Import;

/// <summary>The outcome of one import. <see cref="ToString"/> is the one-line summary the command line
/// prints.</summary>
public sealed record ImportSummary(
    string What,
    long RowsRead,
    long Imported,
    long Skipped,
    long Bad,
    bool Committed,
    IReadOnlyDictionary<string, long> SkippedBecause,
    IReadOnlyDictionary<string, long> Created,
    IReadOnlyList<BadRow> BadRows,
    TimeSpan Elapsed
)
{
    /// <summary>At most this many bad rows are kept in <see cref="BadRows"/>; <see cref="Bad"/> counts them
    /// all.</summary>
    public const int MaxBadRowsKept = 1000;

    /// <summary>The count, within <see cref="Created"/>, of created customers without personalization
    /// consent.</summary>
    public const string WithoutConsent = "customers without personalization consent";

    public long CreatedOf(string what) => Created.TryGetValue(what, out var n) ? n : 0;

    public long SkippedOf(string reason) => SkippedBecause.TryGetValue(reason, out var n) ? n : 0;

    public override string ToString()
    {
        var verb = Committed ? "Imported" : "Refused";
        var skipped =
            SkippedBecause.Count == 0
                ? ""
                : $" ({string.Join(", ", SkippedBecause.Select(r => $"{N(r.Value)} {r.Key}"))})";
        var created = Created
            .Where(c => c.Value > 0 && c.Key != WithoutConsent)
            .Select(c =>
                $"{N(c.Value)} {c.Key} created"
                + (
                    c.Key == "customers" && CreatedOf(WithoutConsent) > 0
                        ? $" ({N(CreatedOf(WithoutConsent))} without personalization consent: they get non-personal "
                            + "bestsellers; --consent-personalization if they consented)"
                        : ""
                )
            )
            .ToList();
        var createdText = created.Count == 0 ? "" : ", " + string.Join(", ", created);
        var refused = Committed ? "" : " — nothing imported (use --skip-invalid to import the valid rows)";
        return $"{verb} {What}: {N(RowsRead)} rows read, {N(Imported)} imported, {N(Skipped)} skipped{skipped}, "
            + $"{N(Bad)} bad{createdText} in {Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} "
            + $"s{refused}";
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
