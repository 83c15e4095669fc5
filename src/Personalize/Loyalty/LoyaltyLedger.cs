namespace Personalize.Loyalty;

/// <summary>One line of a customer's points history, with the balance after it.</summary>
public sealed record LoyaltyLine(
    LoyaltyEntryKind Kind,
    int Points,
    DateTime OccurredAt,
    string? Description,
    string? Reference,
    int BalanceAfter
);

/// <summary>
/// Reads a points ledger as of a date, deterministically: every credit is a lot that expires <see
/// cref="LoyaltyOptions.ExpiryMonths"/> after it was credited; spending uses the oldest lots first; what is left of a
/// lot when it expires becomes an Expire line at its expiry time. Nothing about expiry is stored, so any date can be
/// read.
/// </summary>
public static class LoyaltyLedger
{
    public static IReadOnlyList<LoyaltyLine> Read(IEnumerable<LoyaltyEntry> entries, DateTime asOf, int expiryMonths)
    {
        var lines = new List<LoyaltyLine>();
        var lots = new Queue<Lot>();
        var balance = 0;

        void ExpireThrough(DateTime time)
        {
            while (lots.TryPeek(out var lot) && lot.ExpiresAt <= time)
            {
                lots.Dequeue();
                if (lot.Remaining <= 0)
                    continue;
                balance -= lot.Remaining;
                lines.Add(
                    new LoyaltyLine(
                        LoyaltyEntryKind.Expire,
                        -lot.Remaining,
                        lot.ExpiresAt,
                        "Points expired unused.",
                        null,
                        balance
                    )
                );
            }
        }

        foreach (var entry in entries.Where(e => e.OccurredAt <= asOf).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id))
        {
            ExpireThrough(entry.OccurredAt);
            balance += entry.Points;
            if (entry.Points > 0)
                lots.Enqueue(new Lot(entry.OccurredAt.AddMonths(expiryMonths), entry.Points));
            else
                Consume(lots, -entry.Points);
            lines.Add(
                new LoyaltyLine(entry.Kind, entry.Points, entry.OccurredAt, entry.Description, entry.Reference, balance)
            );
        }
        ExpireThrough(asOf);
        return lines;
    }

    public static int Balance(IEnumerable<LoyaltyEntry> entries, DateTime asOf, int expiryMonths) =>
        Read(entries, asOf, expiryMonths) is { Count: > 0 } lines ? lines[^1].BalanceAfter : 0;

    private static void Consume(Queue<Lot> lots, int points)
    {
        while (points > 0 && lots.TryPeek(out var lot))
        {
            var used = Math.Min(points, lot.Remaining);
            lot.Remaining -= used;
            points -= used;
            if (lot.Remaining == 0)
                lots.Dequeue();
        }
    }

    private sealed class Lot(DateTime expiresAt, int points)
    {
        public DateTime ExpiresAt { get; } = expiresAt;
        public int Remaining { get; set; } = points;
    }
}
