using Personalize.Api.GraphQL;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

/// <summary>The KPI feature's batch loaders.</summary>
public static class KpiLoaders
{
    /// <summary>
    /// A period's order figures (orders, revenue, buyers, retention, repeat purchase). The fields of one request that
    /// need them — <c>kpis</c> and every order trend's buckets — share one read of the orders per segment
    /// (<see cref="KpiService.OrderFiguresAsync"/>).
    /// </summary>
    public static Result<OrderFigures> OrderFigures(this BatchLoaders loaders, string? segmentId, KpiWindow window) =>
        loaders
            .Get<(string? SegmentId, KpiWindow Window), OrderFigures>("order-figures", async (keys, ct) =>
            {
                var figures = new Dictionary<(string?, KpiWindow), OrderFigures>();
                foreach (var segment in keys.GroupBy(k => k.SegmentId))
                foreach (
                    var (window, value) in await loaders
                        .Service<KpiService>()
                        .OrderFiguresAsync(segment.Key, segment.Select(k => k.Window).ToList(), ct)
                )
                    figures[(segment.Key, window)] = value;
                return figures;
            })
            .Load((segmentId, window))
            .Then(figures => figures!);

    /// <summary>An order metric per bucket, from <see cref="OrderFigures"/>.</summary>
    public static Result<IReadOnlyList<KpiPoint>> OrderTrend(
        this BatchLoaders loaders,
        KpiMetric metric,
        string? segmentId,
        IReadOnlyList<KpiWindow> buckets
    )
    {
        var figures = buckets.Select(b => loaders.OrderFigures(segmentId, b)).ToList();
        return new Result<IReadOnlyList<KpiPoint>>(async ct =>
        {
            var points = new List<KpiPoint>(buckets.Count);
            for (var i = 0; i < buckets.Count; i++)
                points.Add(
                    new KpiPoint(buckets[i].Start, buckets[i].End, (await figures[i].GetResultAsync(ct)).Value(metric))
                );
            return points;
        });
    }
}
