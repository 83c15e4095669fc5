using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Customers;
using Personalize.Lifecycle;
using Personalize.Scores;

namespace Personalize.Data.Configurations;

public sealed class ClvSnapshotConfiguration : IEntityTypeConfiguration<ClvSnapshot>
{
    public void Configure(EntityTypeBuilder<ClvSnapshot> builder)
    {
        builder.Property(s => s.RfmBoundaries).HasMaxLength(2000);
        builder.Property(s => s.PurchaseModel).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.PurchaseParameters).HasMaxLength(500);
        builder.Property(s => s.PurchaseBoundNote).HasMaxLength(2000);
        builder.Property(s => s.SelectionRule).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.SelectionReason).HasMaxLength(2000);
        builder.Property(s => s.Candidates).HasMaxLength(20_000); // nvarchar(max) on SQL Server
        builder.HasIndex(s => s.ComputedAt);
    }
}

public sealed class ClvRecomputeFailureConfiguration : IEntityTypeConfiguration<ClvRecomputeFailure>
{
    public void Configure(EntityTypeBuilder<ClvRecomputeFailure> builder)
    {
        builder.Property(f => f.Reason).HasMaxLength(20_000);
        builder.HasIndex(f => f.AttemptedAt);
    }
}

public sealed class SnapshotScoreConfiguration : IEntityTypeConfiguration<SnapshotScore>
{
    public void Configure(EntityTypeBuilder<SnapshotScore> builder)
    {
        builder.HasKey(s => new { s.SnapshotId, s.CustomerId });
        builder.HasOne<ClvSnapshot>().WithMany().HasForeignKey(s => s.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.CustomerId);
    }
}

public sealed class StageChangeConfiguration : IEntityTypeConfiguration<StageChange>
{
    public void Configure(EntityTypeBuilder<StageChange> builder)
    {
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new
        {
            s.CustomerId,
            s.ChangedAt,
            s.Id,
        });
        // Stage flows over time (Kpis) read every change of a period, grouped by day and transition.
        builder.HasIndex(s => new
        {
            s.ChangedAt,
            s.From,
            s.To,
        });
    }
}
