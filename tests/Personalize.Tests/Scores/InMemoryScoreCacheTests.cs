using Personalize.Scores;
using Personalize.Scores.Cache;

namespace Personalize.Tests.Scores;

public sealed class InMemoryScoreCacheTests : ScoreCacheContract
{
    protected override IScoreCache Cache { get; } = new InMemoryScoreCache();
    protected override long FirstId => 1;
}
