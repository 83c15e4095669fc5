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
        builder.HasIndex(o => new
        {
            o.CustomerId,
            o.OrderedAt,
            o.Id,
        });
        builder.HasIndex(o => new { o.OrderedAt, o.Id });
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
