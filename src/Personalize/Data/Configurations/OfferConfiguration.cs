using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Offers;

namespace Personalize.Data.Configurations;

public sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.Property(o => o.Code).HasMaxLength(64).IsRequired();
        builder.Property(o => o.Title).HasMaxLength(300).IsRequired();
        builder.Property(o => o.Description).HasMaxLength(2000);
        builder.Property(o => o.MinLoyaltyTier).HasMaxLength(32);
        // Budget spending is decremented under concurrency: the row version catches lost updates.
        builder.Property(o => o.BudgetSpent).IsConcurrencyToken();
        builder.HasIndex(o => o.Code).IsUnique();
        builder.HasIndex(o => new { o.Status, o.Id });
        builder.HasIndex(o => new { o.RewardType, o.Id });
        builder.HasIndex(o => new { o.Title, o.Id });
        builder.HasIndex(o => new { o.ValidFrom, o.Id });
        builder.HasIndex(o => new { o.ValidUntil, o.Id });
        builder.HasIndex(o => new { o.Cost, o.Id });
        builder.HasIndex(o => new { o.CreatedAt, o.Id });
        builder
            .HasMany(o => o.EligibleCountries)
            .WithOne()
            .HasForeignKey(c => c.OfferId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.EligibleSegments).WithMany().UsingEntity("OfferEligibleSegments");
    }
}

public sealed class OfferCountryConfiguration : IEntityTypeConfiguration<OfferCountry>
{
    public void Configure(EntityTypeBuilder<OfferCountry> builder)
    {
        builder.HasKey(c => new { c.OfferId, c.Country });
        builder.Property(c => c.Country).HasMaxLength(2);
    }
}
