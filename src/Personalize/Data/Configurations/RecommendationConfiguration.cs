using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Recommendations.Serving;

namespace Personalize.Data.Configurations;

public sealed class RecommenderModelVersionConfiguration : IEntityTypeConfiguration<RecommenderModelVersion>
{
    public void Configure(EntityTypeBuilder<RecommenderModelVersion> builder)
    {
        builder.ToTable("RecommenderModels");
        builder.Property(m => m.Model).IsRequired();
        builder.Property(m => m.Lists).IsRequired();
        builder.Property(m => m.Selected).HasMaxLength(64).IsRequired();
        builder.Property(m => m.SelectionReason).HasMaxLength(1000).IsRequired();
        builder.Property(m => m.Selection).IsRequired();
    }
}

public sealed class CustomerCandidatesConfiguration : IEntityTypeConfiguration<CustomerCandidates>
{
    public void Configure(EntityTypeBuilder<CustomerCandidates> builder)
    {
        builder.HasKey(c => c.CustomerId);
        builder.Property(c => c.CustomerId).ValueGeneratedNever();
        builder.Property(c => c.Candidates).IsRequired();
        builder
            .HasOne<Customer>()
            .WithOne()
            .HasForeignKey<CustomerCandidates>(c => c.CustomerId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PlacementConfiguration : IEntityTypeConfiguration<Placement>
{
    public void Configure(EntityTypeBuilder<Placement> builder)
    {
        builder.Property(p => p.Slug).HasMaxLength(128).IsRequired();
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.PlacementId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PlacementItemConfiguration : IEntityTypeConfiguration<PlacementItem>
{
    public void Configure(EntityTypeBuilder<PlacementItem> builder)
    {
        builder.HasKey(i => new { i.PlacementId, i.ContentItemId });
        builder
            .HasOne(i => i.ContentItem)
            .WithMany()
            .HasForeignKey(i => i.ContentItemId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.ContentItemId);
    }
}
