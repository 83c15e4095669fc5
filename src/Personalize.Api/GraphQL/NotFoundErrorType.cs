using Personalize.Common;

namespace Personalize.Api.GraphQL;

public sealed class NotFoundErrorType()
    : UserErrorType("NotFoundError", "An id in the input names nothing that exists.", MutationErrorCode.NotFound);
