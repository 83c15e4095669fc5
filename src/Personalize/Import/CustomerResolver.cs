using Microsoft.EntityFrameworkCore;
using Personalize.Customers;

namespace Personalize.Import;

/// <summary>Where an order, interaction or survey answer names a customer, and when.</summary>
public readonly record struct CustomerSighting(string ExternalId, DateTime SeenAt, string? Country = null);

/// <summary>
/// Turns external customer ids into database ids a batch at a time (one query per batch, a cache across batches),
/// creating the customers not seen before unless the import is strict.
/// </summary>
public sealed class CustomerResolver(ImportSession session)
{
    // Keeps SQL Server under its 2,100 parameters per statement.
    private const int LookupChunk = 1000;
    private readonly Dictionary<string, Known> _known = new(StringComparer.Ordinal);

    private sealed class Known(long id, DateTime firstSeenAt, bool createdHere)
    {
        public long Id { get; } = id;
        public DateTime FirstSeenAt { get; set; } = firstSeenAt;
        public bool CreatedHere { get; } = createdHere;
        public bool FirstSeenMoved { get; set; }
    }

    public long? IdOf(string externalId) => _known.TryGetValue(externalId, out var k) ? k.Id : null;

    /// <summary>Makes <see cref="IdOf"/> answer for every sighting; unknown customers stay unknown when
    /// strict.</summary>
    public async Task ResolveAsync(IEnumerable<CustomerSighting> sightings, CancellationToken cancellationToken)
    {
        var earliest = new Dictionary<string, CustomerSighting>(StringComparer.Ordinal);
        foreach (var s in sightings)
            if (!earliest.TryGetValue(s.ExternalId, out var e) || s.SeenAt < e.SeenAt)
                earliest[s.ExternalId] = s;

        var lookup = earliest.Keys.Where(k => !_known.ContainsKey(k)).ToList();
        foreach (var chunk in lookup.Chunk(LookupChunk))
        {
            var found = await session
                .Db.Customers.Where(c => chunk.Contains(c.ExternalId))
                .Select(c => new
                {
                    c.Id,
                    c.ExternalId,
                    c.FirstSeenAt,
                })
                .ToListAsync(cancellationToken);
            foreach (var c in found)
                _known[c.ExternalId] = new Known(c.Id, c.FirstSeenAt, createdHere: false);
        }

        foreach (var (id, sighting) in earliest)
            if (_known.TryGetValue(id, out var k) && k.CreatedHere && sighting.SeenAt < k.FirstSeenAt)
                (k.FirstSeenAt, k.FirstSeenMoved) = (sighting.SeenAt, true);

        if (session.Options.Strict)
            return;
        var created = lookup
            .Where(k => !_known.ContainsKey(k))
            .Select(k => earliest[k])
            .Select(s => new Customer
            {
                ExternalId = s.ExternalId,
                Country = s.Country,
                CreatedAt = s.SeenAt,
                FirstSeenAt = s.SeenAt,
                UpdatedAt = session.Now,
                StageChangedAt = s.SeenAt,
                ConsentPersonalization = session.Options.ConsentPersonalization,
            })
            .ToList();
        await session.InsertAsync(created, cancellationToken);
        foreach (var c in created)
            _known[c.ExternalId] = new Known(c.Id, c.FirstSeenAt, createdHere: true);
        session.ReportCreated("customers", created.Count);
        if (!session.Options.ConsentPersonalization)
            session.ReportCreated(ImportSummary.WithoutConsent, created.Count);
    }

    /// <summary>Customers created by this import whose earliest sighting came in a later batch: move their first-seen
    /// time back.</summary>
    public async Task SaveFirstSeenAsync(CancellationToken cancellationToken)
    {
        foreach (var k in _known.Values.Where(k => k.FirstSeenMoved))
        {
            var stub = new Customer
            {
                Id = k.Id,
                CreatedAt = k.FirstSeenAt,
                FirstSeenAt = k.FirstSeenAt,
            };
            var entry = session.Db.Attach(stub);
            entry.Property(c => c.CreatedAt).IsModified = true;
            entry.Property(c => c.FirstSeenAt).IsModified = true;
        }
        await session.SaveAsync(cancellationToken);
    }
}
