using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Segments;

namespace Personalize.Import;

/// <summary>
/// Segments from a JSON array: [{"slug","name","description","rule":{...},"status":"active"}], upserted by slug. The
/// rule is the customers connection's `where:` input, stored as compact JSON; a bad entry imports nothing unless
/// skipped.
/// </summary>
internal sealed class SegmentImport(IDbContextFactory<PersonalizeDbContext> factory, TimeProvider clock)
{
    private sealed record Entry(string? Slug, string? Name, string? Description, JsonNode? Rule, string? Status);

    public async Task<ImportSummary> ImportAsync(
        Stream json,
        ImportOptions options,
        CancellationToken cancellationToken
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var now = options.Now ?? clock.GetUtcNow().UtcDateTime;
        var bad = new List<BadRow>();
        List<Entry> entries;
        try
        {
            entries = await JsonSerializer.DeserializeAsync<List<Entry>>(
                json,
                new JsonSerializerOptions(JsonSerializerDefaults.Web),
                cancellationToken
            ) ?? [];
        }
        catch (JsonException e)
        {
            return Summary(
                0,
                0,
                0,
                [new BadRow(e.LineNumber + 1 ?? 1, $"not a JSON array of segments: {e.Message}")],
                false,
                0,
                stopwatch
            );
        }

        var valid = new List<(Entry Entry, SegmentStatus Status)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            try
            {
                Cells.Slug("slug", e.Slug ?? throw new RowError("slug: is required"));
                if (string.IsNullOrWhiteSpace(e.Name))
                    throw new RowError("name: is required");
                if (e.Rule is not JsonObject)
                    throw new RowError("rule: must be a JSON object (the customers `where:` input)");
                valid.Add(
                    (e, e.Status is null ? SegmentStatus.Active : CsvRow.ParseEnum<SegmentStatus>("status", e.Status))
                );
            }
            catch (RowError error)
            {
                bad.Add(new BadRow(i + 1, $"segment #{i + 1}: {error.Message}"));
            }
        }
        if (bad.Count > 0 && !options.SkipInvalid)
            return Summary(entries.Count, 0, 0, bad, false, 0, stopwatch);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var slugs = valid.Select(v => v.Entry.Slug!).ToList();
        var existing = await db
            .Segments.AsTracking()
            .Where(s => slugs.Contains(s.Slug))
            .ToDictionaryAsync(s => s.Slug, cancellationToken);
        long imported = 0,
            created = 0;
        foreach (var (e, status) in valid)
        {
            if (!existing.TryGetValue(e.Slug!, out var segment))
            {
                segment = new Segment { Slug = e.Slug!, CreatedAt = now };
                db.Segments.Add(segment);
                existing[e.Slug!] = segment;
                created++;
            }
            var changes = new Changes();
            changes.Set(segment.Name, e.Name!, v => segment.Name = v);
            changes.Set(segment.Description, e.Description, v => segment.Description = v);
            changes.Set(segment.RuleJson, e.Rule!.ToJsonString(), v => segment.RuleJson = v);
            changes.Set(segment.Status, status, v => segment.Status = v);
            if (changes.Any)
            {
                segment.UpdatedAt = now;
                imported++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return Summary(entries.Count, imported, valid.Count - imported, bad, true, created, stopwatch);
    }

    private static ImportSummary Summary(
        long read,
        long imported,
        long unchanged,
        List<BadRow> bad,
        bool committed,
        long created,
        Stopwatch stopwatch
    ) =>
        new(
            "segments",
            read,
            imported,
            unchanged,
            bad.Count,
            committed,
            unchanged > 0 ? new Dictionary<string, long> { ["unchanged"] = unchanged } : new Dictionary<string, long>(),
            new Dictionary<string, long> { ["segments"] = created },
            bad,
            stopwatch.Elapsed
        );
}
