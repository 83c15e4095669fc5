using Personalize.Common;

namespace Personalize.Api.GraphQL;

public sealed class ConflictErrorType()
    : UserErrorType(
        "ConflictError",
        "The input clashes with what is stored, e.g. an id already taken.",
        MutationErrorCode.Conflict
    );
