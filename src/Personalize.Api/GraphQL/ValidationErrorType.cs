using Personalize.Common;

namespace Personalize.Api.GraphQL;

public sealed class ValidationErrorType()
    : UserErrorType(
        "ValidationError",
        "An input value is missing, malformed or out of range.",
        MutationErrorCode.Validation
    );
