using Microsoft.EntityFrameworkCore;
using Personalize.Customers;

namespace Personalize.Import;

public sealed record CustomerRow(
    string ExternalId,
    string? Email,
    string? Name,
    string? Country,
    string? Locale,
    DateTime? CreatedAt,
    bool ConsentPersonalization,
    bool ConsentEmailMarketing,
    IReadOnlySet<string> Columns
)
{
    public string? AcquisitionChannel { get; init; }
    public string? AcquisitionCampaign { get; init; }
}

/// <summary>
/// customer_id,email,name,country,locale,created_at,consent_personalization,consent_email_marketing,acquisition_channel,
/// acquisition_campaign — upserts by customer_id. Columns absent from the header leave the stored values as they are;
/// an empty field clears the value.
/// </summary>
internal sealed class CustomerImport : IRowImport<CustomerRow>
{
    private static readonly string[] Optional =
    [
        "email",
        "name",
        "country",
        "locale",
        "created_at",
        "consent_personalization",
        "consent_email_marketing",
        "acquisition_channel",
        "acquisition_campaign",
    ];
    private IReadOnlySet<string>? _columns;

    public string What => "customers";
    public IReadOnlyList<string> RequiredColumns { get; } = ["customer_id"];
    public bool AffectsCustomerSummaries => false;

    public CustomerRow Parse(CsvRow row, ImportSession session) =>
        new(
            Cells.MaxLength("customer_id", row.Required("customer_id"), 128),
            Cells.MaxLength("email", Cells.Email("email", row.Text("email")), 254),
            Cells.MaxLength("name", row.Text("name"), 200),
            Cells.Country("country", row.Text("country")),
            Cells.Locale("locale", row.Text("locale")),
            row.Date("created_at"),
            row.Bool("consent_personalization"),
            row.Bool("consent_email_marketing"),
            _columns ??= Optional.Where(row.Has).ToHashSet()
        )
        {
            AcquisitionChannel = Cells.Channel("acquisition_channel", row.Text("acquisition_channel")),
            AcquisitionCampaign = Cells.Campaign("acquisition_campaign", row.Text("acquisition_campaign")),
        };

    public async Task WriteAsync(
        IReadOnlyList<Parsed<CustomerRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    )
    {
        var ids = batch.Select(b => b.Row.ExternalId).Distinct().ToList();
        var existing = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(1000))
        foreach (
            var c in await session
                .Db.Customers.AsTracking()
                .Where(c => chunk.Contains(c.ExternalId))
                .ToListAsync(cancellationToken)
        )
            existing[c.ExternalId] = c;

        var created = new List<Customer>();
        foreach (var (_, row) in batch)
        {
            if (!existing.TryGetValue(row.ExternalId, out var customer))
            {
                var at = row.CreatedAt ?? session.Now;
                customer = new Customer
                {
                    ExternalId = row.ExternalId,
                    CreatedAt = at,
                    FirstSeenAt = at,
                    StageChangedAt = at,
                    UpdatedAt = session.Now,
                };
                Apply(row, customer);
                created.Add(customer);
                existing[row.ExternalId] = customer;
                session.ReportImported();
            }
            else if (Apply(row, customer))
            {
                customer.UpdatedAt = session.Now;
                session.ReportImported();
            }
            else
                session.ReportSkipped("unchanged");
        }
        await session.SaveAsync(cancellationToken);
        await session.InsertAsync(created, cancellationToken);
        session.ReportCreated("customers", created.Count);
    }

    /// <returns>True when something changed.</returns>
    private static bool Apply(CustomerRow row, Customer c)
    {
        var changes = new Changes();
        bool Has(string column) => row.Columns.Contains(column);
        if (Has("email"))
            changes.Set(c.Email, row.Email, v => c.Email = v);
        if (Has("name"))
            changes.Set(c.Name, row.Name, v => c.Name = v);
        if (Has("country"))
            changes.Set(c.Country, row.Country, v => c.Country = v);
        if (Has("locale"))
            changes.Set(c.Locale, row.Locale, v => c.Locale = v);
        if (Has("consent_personalization"))
            changes.Set(c.ConsentPersonalization, row.ConsentPersonalization, v => c.ConsentPersonalization = v);
        if (Has("consent_email_marketing"))
            changes.Set(c.ConsentEmailMarketing, row.ConsentEmailMarketing, v => c.ConsentEmailMarketing = v);
        if (Has("acquisition_channel"))
            changes.Set(c.AcquisitionChannel, row.AcquisitionChannel, v => c.AcquisitionChannel = v);
        if (Has("acquisition_campaign"))
            changes.Set(c.AcquisitionCampaign, row.AcquisitionCampaign, v => c.AcquisitionCampaign = v);
        if (row.CreatedAt is { } createdAt)
        {
            changes.Set(c.CreatedAt, createdAt, v => c.CreatedAt = v);
            if (createdAt < c.FirstSeenAt)
                changes.Set(c.FirstSeenAt, createdAt, v => c.FirstSeenAt = v);
        }
        return changes.Any;
    }
}

/// <summary>Sets a property only when the value differs, and remembers whether anything did.</summary>
internal sealed class Changes
{
    public bool Any { get; private set; }

    public void Set<T>(T current, T value, Action<T> set)
    {
        if (EqualityComparer<T>.Default.Equals(current, value))
            return;
        set(value);
        Any = true;
    }
}
