using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Customers;
using Personalize.Orders;

namespace Personalize.Data.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.ExternalId).HasMaxLength(128).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.Property(c => c.Locale).HasMaxLength(35);
        builder.Property(c => c.AcquisitionChannel).HasMaxLength(Acquisition.AcquisitionRules.MaxChannelLength);
        builder.Property(c => c.AcquisitionCampaign).HasMaxLength(Acquisition.AcquisitionRules.MaxCampaignLength);
        builder.HasIndex(c => c.ExternalId).IsUnique();
        // One index per filter/sort the schema offers; the id makes each usable for keyset pagination.
        builder.HasIndex(c => new { c.Email, c.Id });
        builder.HasIndex(c => new { c.Name, c.Id });
        builder.HasIndex(c => new { c.Country, c.Id });
        builder.HasIndex(c => new { c.Stage, c.Id });
        builder.HasIndex(c => new { c.CreatedAt, c.Id });
        builder.HasIndex(c => new { c.LastOrderAt, c.Id });
        builder.HasIndex(c => new { c.TotalSpent, c.Id });
        builder.HasIndex(c => new { c.OrderCount, c.Id });
        builder.HasIndex(c => new { c.PredictedClv, c.Id });
        builder.HasIndex(c => new { c.ProbabilityAlive, c.Id });
        builder.HasIndex(c => new { c.HistoricalClv, c.Id });
        builder.HasIndex(c => new { c.RfmScore, c.Id });
        // Acquisition, cohort and new-customer figures select customers by when they first ordered (and through which
        // channel) and sum their predicted CLV: all from the index, without reading the customer rows.
        builder.HasIndex(c => new
        {
            c.FirstOrderAt,
            c.AcquisitionChannel,
            c.PredictedClv,
        });
        builder.HasMany<Order>().WithOne(o => o.Customer).HasForeignKey(o => o.CustomerId);
    }
}
