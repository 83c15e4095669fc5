using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Orders;

namespace Personalize.Data.Configurations;

public sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Source).HasMaxLength(64).IsRequired();
        builder.Property(o => o.ExternalId).HasMaxLength(128).IsRequired();
        builder.Property(o => o.Currency).HasMaxLength(3).IsRequired();
        builder.HasIndex(o => new { o.Source, o.ExternalId }).IsUnique();
        // A customer's orders in time order, with their amount and margin (a customer's value, acquisition margins).
        builder.HasIndex(o => new
        {
            o.CustomerId,
            o.OrderedAt,
            o.Id,
            o.Amount,
            o.Margin,
        });
        // The orders of a period in time order (paging), carrying what the KPIs count and sum: their queries read the
        // index alone, not one table row per order.
        builder.HasIndex(o => new
        {
            o.OrderedAt,
            o.Id,
            o.CustomerId,
            o.Amount,
            o.Margin,
        });
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.ProductId).HasMaxLength(128).IsRequired();
        builder.HasIndex(l => l.ProductId);
    }
}
