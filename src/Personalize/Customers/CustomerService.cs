using Microsoft.EntityFrameworkCore;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Customers;

/// <summary>Fields of a customer a caller may set. Null leaves a field as it is (on create: empty).</summary>
public sealed record UpsertCustomerInput(
    string Id,
    string? Email = null,
    string? Name = null,
    string? Country = null,
    string? Locale = null,
    bool? ConsentPersonalization = null,
    bool? ConsentEmailMarketing = null,
    DateTime? CreatedAt = null
);

public sealed class CustomerService(
    IDbContextFactory<PersonalizeDbContext> factory,
    CustomerNearCache nearCache,
    EventOutbox outbox,
    TimeProvider clock
)
{
    public async Task<MutationResult<Customer>> UpsertAsync(
        UpsertCustomerInput input,
        CancellationToken cancellationToken
    )
    {
        var v = new Validator();
        var id = v.Id("id", input.Id);
        var email = v.Email("email", input.Email);
        var name = v.Text("name", input.Name, 200);
        var country = v.Country("country", input.Country);
        var locale = v.Locale("locale", input.Locale);
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.CreatedAt > now.AddMinutes(5))
            v.Fail("createdAt", "is in the future.");
        if (!v.IsValid)
            return MutationResult<Customer>.Fail(v.Errors);

        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var customer = await db
                .Customers.AsTracking()
                .FirstOrDefaultAsync(c => c.ExternalId == id, cancellationToken);
            if (customer is null)
            {
                var createdAt = input.CreatedAt ?? now;
                customer = new Customer
                {
                    ExternalId = id!,
                    CreatedAt = createdAt,
                    FirstSeenAt = createdAt,
                    StageChangedAt = now,
                };
                db.Customers.Add(customer);
            }
            customer.Email = email ?? customer.Email;
            customer.Name = name ?? customer.Name;
            customer.Country = country ?? customer.Country;
            customer.Locale = locale ?? customer.Locale;
            var consents = (customer.ConsentPersonalization, customer.ConsentEmailMarketing);
            customer.ConsentPersonalization = input.ConsentPersonalization ?? customer.ConsentPersonalization;
            customer.ConsentEmailMarketing = input.ConsentEmailMarketing ?? customer.ConsentEmailMarketing;
            customer.UpdatedAt = now;
            try
            {
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                    if (consents != (customer.ConsentPersonalization, customer.ConsentEmailMarketing))
                        await outbox.AppendAsync(
                            db,
                            [
                                CustomerEvents.ConsentChanged(
                                    customer.Id,
                                    customer.ConsentPersonalization,
                                    customer.ConsentEmailMarketing,
                                    now
                                ),
                            ],
                            cancellationToken
                        );
                    await transaction.CommitAsync(cancellationToken);
                }
                nearCache.Invalidate([customer.Id]);
                return MutationResult<Customer>.Ok(customer);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt == 0)
            {
                // Created concurrently by another request: apply this one as an update.
            }
        }
    }

    /// <summary>The customer with this external id, created with the id alone when unknown (orders and interactions may
    /// come first).</summary>
    internal static async Task<Customer> FindOrCreateAsync(
        PersonalizeDbContext db,
        string externalId,
        DateTime seenAt,
        DateTime now,
        CancellationToken cancellationToken
    ) => (await FindOrCreateManyAsync(db, [(externalId, seenAt)], now, cancellationToken))[externalId];

    /// <summary>
    /// The customers with these ids, tracked, in one statement; unknown ids become new customers (id only, not yet
    /// saved). A customer seen earlier than recorded gets the earlier first-seen time.
    /// </summary>
    internal static async Task<Dictionary<string, Customer>> FindOrCreateManyAsync(
        PersonalizeDbContext db,
        IReadOnlyCollection<(string ExternalId, DateTime SeenAt)> sightings,
        DateTime now,
        CancellationToken cancellationToken
    )
    {
        var ids = sightings.Select(s => s.ExternalId).Distinct().ToList();
        var customers = await db
            .Customers.AsTracking()
            .Where(c => ids.Contains(c.ExternalId))
            .ToDictionaryAsync(c => c.ExternalId, cancellationToken);
        foreach (var (externalId, seenAt) in sightings)
        {
            if (customers.TryGetValue(externalId, out var customer))
            {
                if (seenAt < customer.FirstSeenAt)
                    customer.FirstSeenAt = seenAt;
                continue;
            }
            customers[externalId] = db
                .Customers.Add(
                    new Customer
                    {
                        ExternalId = externalId,
                        CreatedAt = now,
                        FirstSeenAt = seenAt,
                        UpdatedAt = now,
                        StageChangedAt = now,
                    }
                )
                .Entity;
        }
        return customers;
    }
}
