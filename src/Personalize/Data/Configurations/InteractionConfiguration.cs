using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Interactions;

namespace Personalize.Data.Configurations;

public sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId);
        builder.HasOne<ContentItem>().WithMany().HasForeignKey(i => i.ContentItemId);
        builder.Property(i => i.IdempotencyKey).HasMaxLength(128);
        builder.HasIndex(i => i.IdempotencyKey).IsUnique();
        builder.HasIndex(i => new { i.CustomerId, i.OccurredAt });
        builder.HasIndex(i => new { i.ContentItemId, i.OccurredAt });
        builder.HasIndex(i => i.OccurredAt);
    }
}
