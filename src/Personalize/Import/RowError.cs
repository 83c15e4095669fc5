namespace Personalize.Import;

/// <summary>Thrown while reading a row: the row is bad for the reason given ("amount: 'abc' is not a
/// number").</summary>
public sealed class RowError(string reason) : Exception(reason);
