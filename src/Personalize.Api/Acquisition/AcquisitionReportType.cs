using GraphQL.Types;
using Personalize.Acquisition;

namespace Personalize.Api.Acquisition;

public sealed class AcquisitionReportType : ObjectGraphType<AcquisitionReport>
{
    public AcquisitionReportType()
    {
        Name = "AcquisitionReport";
        Description = "Marketing spend and the customers it acquired over a period, per channel and in total.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChannelAcquisitionType>>>>("channels")
            .Description(
                "One row per channel with spend or acquired customers in the period, the biggest spender "
                    + "first; customers without a channel are the row whose channel is null."
            )
            .Resolve(ctx => ctx.Source.Channels);
        Field<NonNullGraphType<ChannelAcquisitionType>>("total")
            .Description(
                "Every channel together: blended CAC = all spend ÷ every customer acquired in the period, "
                    + "with or without a channel."
            )
            .Resolve(ctx => ctx.Source.Total);
    }
}
