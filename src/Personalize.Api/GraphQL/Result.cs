using GraphQL.DataLoader;

namespace Personalize.Api.GraphQL;

/// <summary>A deferred value for the GraphQL engine; <see cref="Then{TOut}"/> maps it without awaiting.</summary>
public sealed class Result<T>(Func<CancellationToken, Task<T>> get) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => get(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await get(cancellationToken);

    public Result<TOut> Then<TOut>(Func<T, TOut> map) => new(async ct => map(await get(ct)));
}
