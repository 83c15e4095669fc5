using Personalize.Content;
using Personalize.Recommendations;

namespace Personalize.Tests.Recommendations;

public sealed class ItemKnnTests
{
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Items 0-3 (ids 100-103); customer 0 took {0, 1}, customer 1 {0, 1, 2}, customer 2 {2, 3}, customer 3 {3}. Binary
    /// cosine: sim(0,1) = 2/√(2·2) = 1; sim(0,2) = sim(1,2) = sim(2,3) = 1/√(2·2) = 0.5; sim(0,3) = sim(1,3) = 0.
    /// </summary>
    private static SignalMatrix Matrix()
    {
        var builder = new SignalLog.Builder();
        for (var i = 0; i < 4; i++)
            builder.AddItem(100 + i, ContentKind.Product, Day);
        int[][] took =
        [
            [0, 1],
            [0, 1, 2],
            [2, 3],
            [3],
        ];
        for (var c = 0; c < took.Length; c++)
            foreach (var i in took[c])
                builder.AddSignal(c, 100 + i, Day.AddDays(c), 5);
        return new SignalMatrix(builder.Build(), Day.AddDays(10));
    }

    [Fact]
    public void Neighbours_are_the_items_with_the_highest_cosine()
    {
        var knn = new ItemKnnRecommender(Matrix());

        Assert.Equal([new ScoredItem(1, 1f), new ScoredItem(2, 0.5f)], knn.NeighboursOf(0));
        Assert.Equal([new ScoredItem(0, 0.5f), new ScoredItem(1, 0.5f), new ScoredItem(3, 0.5f)], knn.NeighboursOf(2));
        Assert.Equal([new ScoredItem(2, 0.5f)], knn.NeighboursOf(3));
    }

    [Fact]
    public void At_most_the_configured_neighbours_are_kept()
    {
        var knn = new ItemKnnRecommender(Matrix(), neighbours: 1);

        Assert.Equal([new ScoredItem(0, 0.5f)], knn.NeighboursOf(2));
    }

    [Fact]
    public void A_customer_is_recommended_the_neighbours_of_what_they_took()
    {
        var knn = new ItemKnnRecommender(Matrix());

        Assert.Equal([2], knn.Recommend(3, 10).Select(s => s.Item));
        // Customer 0: item 2 gets 0.5 from each of items 0 and 1; item 3 is nobody's neighbour of theirs.
        Assert.Equal([2], knn.Recommend(0, 10, exclude: i => i is 0 or 1).Select(s => s.Item));
    }
}
