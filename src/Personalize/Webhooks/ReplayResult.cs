namespace Personalize.Webhooks;

/// <summary>How many deliveries a replay put back in the queue.</summary>
public sealed record ReplayResult(int Deliveries);
