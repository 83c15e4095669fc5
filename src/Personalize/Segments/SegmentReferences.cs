using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Data;

namespace Personalize.Segments;

public static class SegmentReferences
{
    /// <summary>The tracked segments named by slug; each unknown slug is a validation failure at its index.</summary>
    public static async Task<List<Segment>> ResolveAsync(
        PersonalizeDbContext db,
        IReadOnlyList<string> slugs,
        string field,
        Validator v,
        CancellationToken cancellationToken
    )
    {
        var wanted = slugs.Select(s => s.Trim()).Distinct().ToList();
        var found = await db.Segments.AsTracking().Where(s => wanted.Contains(s.Slug)).ToListAsync(cancellationToken);
        for (var i = 0; i < slugs.Count; i++)
            if (found.All(s => s.Slug != slugs[i].Trim()))
                v.NotFound($"{field}[{i}]", $"No segment has the id '{slugs[i]}'.");
        return found;
    }
}
