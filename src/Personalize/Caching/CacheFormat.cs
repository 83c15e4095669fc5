namespace Personalize.Caching;

/// <summary>Decodes a cached value; false (a miss, never an error) for bytes of another version or length.</summary>
public delegate bool CacheDecoder<T>(long customerId, ReadOnlySpan<byte> bytes, out T? value);

/// <summary>
/// How one kind of value is stored in Redis: under <c>{KeyPrefix}{KeySpace}:{customerId}</c>, as the bytes
/// <paramref name="Encode"/> writes.
/// </summary>
public sealed record CacheFormat<T>(string KeySpace, Func<T, byte[]> Encode, CacheDecoder<T> Decode);
