namespace Personalize.Privacy;

/// <summary>
/// A record of a privacy-relevant action (consent change, erasure, export): who did it, when, to which customer.
/// It never holds personal data: the customer is named by internal id and by the SHA-256 of the caller's id.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public AuditAction Action { get; set; }

    /// <summary>The customer's internal id (kept after erasure: it names no one).</summary>
    public long? CustomerId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the caller's customer id, so an erasure can be proven and repeated
    /// idempotently.</summary>
    public string SubjectHash { get; set; } = "";

    /// <summary>The API key name or token subject that asked.</summary>
    public string Actor { get; set; } = "";

    /// <summary>What changed, without personal data, e.g. "personalization=true emailMarketing=false".</summary>
    public string Details { get; set; } = "";
}

public enum AuditAction
{
    [System.ComponentModel.Description("Consent given or withdrawn.")]
    ConsentChanged,

    [System.ComponentModel.Description("Personal data erased.")]
    Erased,

    [System.ComponentModel.Description("Everything held about the customer exported.")]
    Exported,
}
