using System.Diagnostics;
using Personalize.Api.Telemetry;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Reliability;

public sealed class TelemetryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Each_operation_is_a_span_named_after_the_operation_with_no_variables_in_it()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GraphQLTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                    spans.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        await api.DataAsync(
            "query TelemetryProbe($id: ID!) { customer(id: $id) { id } }",
            new { id = "secret-customer-id-42" }
        );

        Activity span;
        lock (spans)
            span = Assert.Single(spans, s => s.GetTagItem("graphql.operation.name") as string == "TelemetryProbe");
        Assert.Equal("query TelemetryProbe", span.DisplayName);
        Assert.Equal("query", span.GetTagItem("graphql.operation.type"));
        Assert.NotNull(span.GetTagItem("correlation.id"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("secret-customer-id-42") == true);
    }
}
