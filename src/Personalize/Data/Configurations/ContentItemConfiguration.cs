using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Content;

namespace Personalize.Data.Configurations;

public sealed class ContentItemConfiguration : IEntityTypeConfiguration<ContentItem>
{
    public void Configure(EntityTypeBuilder<ContentItem> builder)
    {
        builder.Property(c => c.Slug).HasMaxLength(128).IsRequired();
        builder.Property(c => c.Title).HasMaxLength(300).IsRequired();
        builder.Property(c => c.Summary).HasMaxLength(2000);
        builder.Property(c => c.Url).HasMaxLength(2000);
        builder.Property(c => c.ImageUrl).HasMaxLength(2000);
        builder.Property(c => c.Locale).HasMaxLength(35);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasIndex(c => new { c.Kind, c.Id });
        builder.HasIndex(c => new { c.Status, c.Id });
        builder.HasIndex(c => new { c.Title, c.Id });
        builder.HasIndex(c => new { c.Locale, c.Id });
        builder.HasIndex(c => new { c.PublishFrom, c.Id });
        builder.HasIndex(c => new { c.CreatedAt, c.Id });
        builder.HasIndex(c => new { c.UpdatedAt, c.Id });
        builder.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.ContentItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.TargetSegments).WithMany().UsingEntity("ContentItemTargetSegments");
    }
}

public sealed class ContentTagConfiguration : IEntityTypeConfiguration<ContentTag>
{
    public void Configure(EntityTypeBuilder<ContentTag> builder)
    {
        builder.HasKey(t => new { t.ContentItemId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(64);
        builder.HasIndex(t => t.Tag);
    }
}
