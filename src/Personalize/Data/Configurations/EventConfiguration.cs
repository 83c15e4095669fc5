using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Personalize.Customers;
using Personalize.Events;
using Personalize.Segments;
using Personalize.Webhooks;

namespace Personalize.Data.Configurations;

public sealed class CustomerEventConfiguration : IEntityTypeConfiguration<CustomerEvent>
{
    public void Configure(EntityTypeBuilder<CustomerEvent> builder)
    {
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.EventId).HasMaxLength(40);
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Data).HasMaxLength(4000);
        builder.Property(e => e.DedupeKey).HasMaxLength(200);
        builder.HasIndex(e => e.EventId).IsUnique();
        builder.HasIndex(e => e.DedupeKey).IsUnique();
        builder.HasIndex(e => new { e.CustomerId, e.Sequence });
    }
}

public sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.EventTypes).HasMaxLength(1000);
        builder.Property(e => e.Secret).HasMaxLength(200);
        builder.Property(e => e.PreviousSecret).HasMaxLength(200);
        builder.HasOne<Segment>().WithMany().HasForeignKey(e => e.SegmentId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LeaseToken).HasMaxLength(32);
        builder.Property(d => d.LastError).HasMaxLength(400);
        builder.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        builder.HasIndex(d => new
        {
            d.EndpointId,
            d.Status,
            d.NextAttemptAt,
        });
        builder.HasIndex(d => new
        {
            d.EndpointId,
            d.CustomerId,
            d.Status,
            d.EventId,
        });
        builder.HasIndex(d => d.LeaseToken);
    }
}
