using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Experiments;
using Personalize.Offers;

namespace Personalize.Data.Configurations;

public sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> builder)
    {
        builder.Property(e => e.Key).HasMaxLength(128);
        builder.HasIndex(e => e.Key).IsUnique();
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.Description).HasMaxLength(2000);
        builder.HasIndex(e => new { e.Status, e.CreatedAt });
        builder.HasMany(e => e.Variants).WithOne().HasForeignKey(v => v.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ExperimentVariantConfiguration : IEntityTypeConfiguration<ExperimentVariant>
{
    public void Configure(EntityTypeBuilder<ExperimentVariant> builder)
    {
        builder.ToTable("ExperimentVariants");
        builder.Property(v => v.Key).HasMaxLength(128);
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.HasIndex(v => new { v.ExperimentId, v.Key }).IsUnique();
        builder.HasOne<Offer>().WithMany().HasForeignKey(v => v.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ContentItem>().WithMany().HasForeignKey(v => v.ContentItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ExperimentExposureConfiguration : IEntityTypeConfiguration<ExperimentExposure>
{
    public void Configure(EntityTypeBuilder<ExperimentExposure> builder)
    {
        builder.HasOne<Experiment>().WithMany().HasForeignKey(x => x.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
        builder
            .HasOne<ExperimentVariant>()
            .WithMany()
            .HasForeignKey(x => x.VariantId)
            .OnDelete(DeleteBehavior.NoAction);
        // One row per customer and experiment: the first exposure fixes the arm; retries and repeats change nothing.
        builder.HasIndex(x => new { x.ExperimentId, x.CustomerId }).IsUnique();
        builder.HasIndex(x => new { x.ExperimentId, x.VariantId });
    }
}

public sealed class ExperimentConversionConfiguration : IEntityTypeConfiguration<ExperimentConversion>
{
    public void Configure(EntityTypeBuilder<ExperimentConversion> builder)
    {
        builder.HasOne<Experiment>().WithMany().HasForeignKey(c => c.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId);
        builder
            .HasOne<ExperimentVariant>()
            .WithMany()
            .HasForeignKey(c => c.VariantId)
            .OnDelete(DeleteBehavior.NoAction);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(128);
        builder.HasIndex(c => new { c.ExperimentId, c.IdempotencyKey }).IsUnique();
        builder.HasIndex(c => new
        {
            c.ExperimentId,
            c.VariantId,
            c.CustomerId,
        });
    }
}
