using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Customers;
using Personalize.Surveys;

namespace Personalize.Data.Configurations;

public sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId);
        builder.Property(s => s.Comment).HasMaxLength(2000);
        builder.Property(s => s.IdempotencyKey).HasMaxLength(128);
        builder.HasIndex(s => s.IdempotencyKey).IsUnique();
        builder.HasIndex(s => new
        {
            s.CustomerId,
            s.Kind,
            s.RespondedAt,
        });
        builder.HasIndex(s => new { s.Kind, s.RespondedAt });
    }
}
