using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Access;
using Personalize.Privacy;

namespace Personalize.Data.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(100).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        builder.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.Scopes).HasMaxLength(200).IsRequired();
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.Name);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.SubjectHash).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Actor).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Details).HasMaxLength(400).IsRequired();
        builder.HasIndex(a => new { a.SubjectHash, a.Action });
        builder.HasIndex(a => new { a.CustomerId, a.Id });
    }
}
