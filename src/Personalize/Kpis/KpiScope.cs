using Microsoft.EntityFrameworkCore;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Offers;
using Personalize.Orders;
using Personalize.Querying;
using Personalize.Segments;
using Personalize.Surveys;

namespace Personalize.Kpis;

/// <summary>The customers a dashboard figure covers: everyone, or a segment's current members.</summary>
internal static class KpiScope
{
    /// <returns>The segment's members; null for everyone (so the queries need no filter).</returns>
    public static async Task<IQueryable<Customer>?> MembersAsync(
        PersonalizeDbContext db,
        string? segmentId,
        CancellationToken cancellationToken
    )
    {
        if (segmentId is null)
            return null;
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Slug == segmentId, cancellationToken)
            ?? throw new QueryException("segmentId", $"no segment has the id '{segmentId}'.");
        return db.Customers.Where(SegmentQueries.Rule(segment));
    }

    /// <summary>The orders of the customers in scope (<paramref name="scope"/> from <see cref="MembersAsync"/>).</summary>
    public static IQueryable<Order> Orders(PersonalizeDbContext db, IQueryable<Customer>? scope) =>
        scope is null ? db.Orders : db.Orders.Where(o => scope.Select(c => c.Id).Contains(o.CustomerId));

    /// <summary>The survey answers of a kind given in [from, to) by the customers in scope.</summary>
    public static IQueryable<SurveyResponse> Answers(
        PersonalizeDbContext db,
        IQueryable<Customer>? scope,
        SurveyKind kind,
        DateTime from,
        DateTime to
    )
    {
        var answers = db.SurveyResponses.Where(s => s.Kind == kind && s.RespondedAt >= from && s.RespondedAt < to);
        return scope is null ? answers : answers.Where(s => scope.Select(c => c.Id).Contains(s.CustomerId));
    }

    /// <summary>The offer assignments of the customers in scope.</summary>
    public static IQueryable<OfferAssignment> Assignments(PersonalizeDbContext db, IQueryable<Customer>? scope) =>
        scope is null
            ? db.OfferAssignments
            : db.OfferAssignments.Where(a => scope.Select(c => c.Id).Contains(a.CustomerId));
}
