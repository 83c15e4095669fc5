using Personalize.Scores;
using Personalize.Caching;

namespace Personalize.Tests.Caching;

public sealed class InMemoryCustomerCacheTests : CustomerCacheContract
{
    protected override ICustomerCache<CustomerScore> Cache { get; } = new InMemoryCustomerCache<CustomerScore>();
    protected override long FirstId => 1;
}
