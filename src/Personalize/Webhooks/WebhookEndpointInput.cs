using Personalize.Common;
using Personalize.Events;

namespace Personalize.Webhooks;

/// <summary>The fields of an endpoint a caller sets; on update, null leaves a field as it is.</summary>
public sealed record WebhookEndpointInput(
    string? Url = null,
    string? Description = null,
    IReadOnlyList<CustomerEventType>? EventTypes = null,
    IReadOnlyList<LifecycleStage>? Stages = null,
    string? SegmentId = null,
    string? Secret = null,
    int? MaxConcurrency = null,
    int? MaxPerSecond = null,
    bool? Enabled = null
);
