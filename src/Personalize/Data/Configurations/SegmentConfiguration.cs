using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Segments;

namespace Personalize.Data.Configurations;

public sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(128).IsRequired();
        builder.Property(s => s.Name).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.RuleJson).HasMaxLength(-1).IsRequired();
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => new { s.Name, s.Id });
        builder.HasIndex(s => new { s.Status, s.Id });
        builder.HasIndex(s => new { s.CreatedAt, s.Id });
    }
}

public sealed class SegmentMemberConfiguration : IEntityTypeConfiguration<SegmentMember>
{
    public void Configure(EntityTypeBuilder<SegmentMember> builder)
    {
        builder.HasOne<Segment>().WithMany().HasForeignKey(m => m.SegmentId).OnDelete(DeleteBehavior.Cascade);
        builder
            .HasOne<Personalize.Customers.Customer>()
            .WithMany()
            .HasForeignKey(m => m.CustomerId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new
        {
            m.SegmentId,
            m.CustomerId,
            m.LeftAt,
        });
    }
}
