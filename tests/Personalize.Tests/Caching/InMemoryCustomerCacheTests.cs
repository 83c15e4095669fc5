using Personalize.Caching;
using Personalize.Scores;

namespace Personalize.Tests.Caching;

public sealed class InMemoryCustomerCacheTests : CustomerCacheContract
{
    protected override ICustomerCache<CustomerScore> Cache { get; } = new InMemoryCustomerCache<CustomerScore>();
    protected override long FirstId => 1;
}
