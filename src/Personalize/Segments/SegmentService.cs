using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Segments;

/// <summary>The fields of a segment a caller sets. On update, null leaves a field as it is.</summary>
/// <param name="Rule">A customers `where:` value, stored as it is given.</param>
public sealed record SegmentInput(
    string Id,
    string? Name = null,
    string? Description = null,
    IReadOnlyDictionary<string, object?>? Rule = null,
    bool? Tracked = null,
    int? ReentryCooldownHours = null
);

public sealed class SegmentService(
    IDbContextFactory<PersonalizeDbContext> factory,
    SegmentQueries queries,
    TimeProvider clock
)
{
    public Task<MutationResult<Segment>> CreateAsync(SegmentInput input, CancellationToken cancellationToken) =>
        SaveAsync(input, create: true, null, cancellationToken);

    public Task<MutationResult<Segment>> UpdateAsync(SegmentInput input, CancellationToken cancellationToken) =>
        SaveAsync(input, create: false, null, cancellationToken);

    public Task<MutationResult<Segment>> ArchiveAsync(string id, CancellationToken cancellationToken) =>
        SaveAsync(new SegmentInput(id), create: false, SegmentStatus.Archived, cancellationToken);

    private async Task<MutationResult<Segment>> SaveAsync(
        SegmentInput input,
        bool create,
        SegmentStatus? status,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var slug = v.Slug("id", input.Id);
        if (create && string.IsNullOrWhiteSpace(input.Name))
            v.Fail("name", "is required.");
        if (create && input.Rule is null)
            v.Fail("rule", "is required: the customers `where:` filter that selects the segment.");
        if (input.Rule is not null)
        {
            try
            {
                CustomerQueries.Filter.ToPredicate(input.Rule, "input.rule");
            }
            catch (QueryException e)
            {
                v.FailAt(e.Path, e.Reason);
            }
        }
        if (!v.IsValid)
            return MutationResult<Segment>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var segment = await db.Segments.AsTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (create && segment is not null)
            return MutationResult<Segment>.Fail([
                new MutationError(
                    MutationErrorCode.Conflict,
                    $"A segment with the id '{slug}' already exists; use updateSegment.",
                    "input.id"
                ),
            ]);
        if (!create && segment is null)
            return MutationResult<Segment>.NotFound("input.id", "segment", slug!);

        segment ??= db.Segments.Add(new Segment { Slug = slug!, CreatedAt = now }).Entity;
        if (input.Name is not null)
            segment.Name = v.Text("name", input.Name, 200, required: true) ?? segment.Name;
        if (input.Description is not null)
            segment.Description = v.Text("description", input.Description, 2000);
        if (input.Rule is not null)
            segment.RuleJson = FilterJson.Serialize(input.Rule);
        segment.Tracked = input.Tracked ?? segment.Tracked;
        v.Range("reentryCooldownHours", input.ReentryCooldownHours, 0, 24 * 365);
        if (input.ReentryCooldownHours is not null)
            segment.ReentryCooldownHours = input.ReentryCooldownHours == 0 ? null : input.ReentryCooldownHours;
        segment.Status = status ?? segment.Status;
        segment.UpdatedAt = now;
        if (!v.IsValid)
            return MutationResult<Segment>.Fail(v.Errors);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return MutationResult<Segment>.Fail([
                new MutationError(
                    MutationErrorCode.Conflict,
                    $"A segment with the id '{slug}' was created at the same time.",
                    "input.id"
                ),
            ]);
        }
        queries.Changed();
        return MutationResult<Segment>.Ok(segment);
    }
}
