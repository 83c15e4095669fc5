using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Acquisition;

namespace Personalize.Data.Configurations;

public sealed class MarketingSpendConfiguration : IEntityTypeConfiguration<MarketingSpend>
{
    public void Configure(EntityTypeBuilder<MarketingSpend> builder)
    {
        builder.ToTable("MarketingSpend");
        builder.Property(s => s.Channel).HasMaxLength(AcquisitionRules.MaxChannelLength).IsRequired();
        builder.HasIndex(s => new { s.Channel, s.Month }).IsUnique();
        builder.HasIndex(s => s.Month);
    }
}
