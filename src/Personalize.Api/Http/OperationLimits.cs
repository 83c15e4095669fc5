using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Personalize.Api.GraphQL;

namespace Personalize.Api.Http;

/// <summary>
/// The limits on one operation beyond depth and complexity (which the complexity analyzer checks): aliases,
/// introspection in Production, and the execution timeout; and the HTTP status of a result that hit one.
/// Every rule here is added to the request's validation rules, so it also runs on cached and persisted documents.
/// </summary>
public sealed class OperationLimits(IOptions<GraphQLOptions> options, IHostEnvironment environment)
{
    public const string ServiceUnavailableCode = "SERVICE_UNAVAILABLE";
    public const string TimeoutCode = "TIMEOUT";

    public IEnumerable<IValidationRule> ValidationRules
    {
        get
        {
            yield return new MaxAliasesRule(options.Value.MaxAliases);
            if (environment.IsProduction() && !options.Value.AllowIntrospection)
                yield return NoIntrospectionValidationRule.Instance;
        }
    }

    /// <summary>A token cancelled when the request is aborted or the operation runs longer than the timeout.</summary>
    public CancellationTokenSource StartTimeout(CancellationToken requestAborted)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        source.CancelAfter(Math.Max(1, options.Value.ExecutionTimeoutMs));
        return source;
    }

    public ExecutionResult TimedOut() =>
        new()
        {
            Executed = true,
            Errors =
            [
                new ExecutionError(
                    $"The operation did not finish within {options.Value.ExecutionTimeoutMs} ms and "
                        + "was cancelled; ask for less (smaller pages, fewer fields)."
                )
                {
                    Code = TimeoutCode,
                },
            ],
        };

    /// <summary>504 for a timeout, 503 (with Retry-After) when the database was unavailable; null otherwise.</summary>
    public static int? StatusFor(ExecutionResult result) =>
        result.Errors?.Any(e => e.Code == TimeoutCode) == true ? StatusCodes.Status504GatewayTimeout
        : result.Errors?.Any(e => e.Code == ServiceUnavailableCode) == true ? StatusCodes.Status503ServiceUnavailable
        : null;

    private sealed class MaxAliasesRule(int max) : ValidationRuleBase
    {
        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
        {
            var count = 0;
            return new(
                new MatchingNodeVisitor<GraphQLField>(
                    (field, ctx) =>
                    {
                        if (field.Alias is not null && ++count == max + 1)
                            ctx.ReportError(new TooManyAliasesError(ctx, field, max));
                    }
                )
            );
        }
    }

    private sealed class TooManyAliasesError : ValidationError
    {
        public TooManyAliasesError(ValidationContext context, GraphQLField field, int max)
            : base(
                context.Document.Source,
                null,
                $"The document has more than {max} aliased fields (GraphQL:MaxAliases).",
                field
            ) => Code = "TOO_MANY_ALIASES";
    }
}
