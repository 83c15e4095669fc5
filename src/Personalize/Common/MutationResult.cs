namespace Personalize.Common;

public enum MutationErrorCode
{
    Validation,
    NotFound,
    Conflict,
}

/// <summary>Why a mutation did not happen. <see cref="Field"/> is the input path, e.g.
/// "input.lines[2].quantity".</summary>
public sealed record MutationError(MutationErrorCode Code, string Message, string? Field = null);

/// <summary>The outcome of a mutation: the object written (or found), or the errors that stopped it (nothing
/// written).</summary>
public sealed record MutationResult<T>(T? Value, IReadOnlyList<MutationError> Errors)
    where T : class
{
    public bool Succeeded => Errors.Count == 0;

    public static MutationResult<T> Ok(T value) => new(value, []);

    public static MutationResult<T> Fail(IReadOnlyList<MutationError> errors) => new(null, errors);

    public static MutationResult<T> NotFound(string field, string what, string id) =>
        new(null, [new MutationError(MutationErrorCode.NotFound, $"No {what} has the id '{id}'.", field)]);
}
