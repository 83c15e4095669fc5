using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Loyalty;
using Personalize.Offers;
using Personalize.Orders;

namespace Personalize.Data.Configurations;

public sealed class OfferAssignmentConfiguration : IEntityTypeConfiguration<OfferAssignment>
{
    public void Configure(EntityTypeBuilder<OfferAssignment> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(32).IsRequired();
        builder.Property(a => a.Reason).HasMaxLength(400);
        builder.HasIndex(a => a.Code).IsUnique();
        // One assignment per customer, offer and round: concurrent decisions cannot assign the same offer twice.
        builder
            .HasIndex(a => new
            {
                a.CustomerId,
                a.OfferId,
                a.Round,
            })
            .IsUnique();
        builder.HasIndex(a => new { a.CustomerId, a.AssignedAt });
        builder.HasIndex(a => new { a.OfferId, a.RedeemedAt });
        builder.HasOne(a => a.Offer).WithMany().HasForeignKey(a => a.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder
            .HasOne<Customers.Customer>()
            .WithMany()
            .HasForeignKey(a => a.CustomerId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Order>().WithMany().HasForeignKey(a => a.RedeemedOrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RedemptionModelConfiguration : IEntityTypeConfiguration<RedemptionModelRecord>
{
    public void Configure(EntityTypeBuilder<RedemptionModelRecord> builder) => builder.ToTable("RedemptionModels");
}

public sealed class LoyaltyEntryConfiguration : IEntityTypeConfiguration<LoyaltyEntry>
{
    public void Configure(EntityTypeBuilder<LoyaltyEntry> builder)
    {
        builder.Property(e => e.Reference).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(300);
        // Every write is idempotent by its reference: an order earns once, a spend key spends once, a customer is
        // referred once.
        builder.HasIndex(e => new { e.CustomerId, e.Reference }).IsUnique();
        builder.HasIndex(e => new { e.CustomerId, e.OccurredAt });
        builder.HasIndex(e => e.OrderId);
        builder
            .HasOne<Customers.Customer>()
            .WithMany()
            .HasForeignKey(e => e.CustomerId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
