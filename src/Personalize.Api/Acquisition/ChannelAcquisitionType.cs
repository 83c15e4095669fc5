using GraphQL.Types;
using Personalize.Acquisition;

namespace Personalize.Api.Acquisition;

public sealed class ChannelAcquisitionType : ObjectGraphType<ChannelAcquisition>
{
    public ChannelAcquisitionType()
    {
        Name = "ChannelAcquisition";
        Description =
            "What an acquisition channel spent and brought in over a period. A customer is acquired by "
            + "their first order: the customers counted are those whose first order falls in the period.";
        Field(c => c.Channel, nullable: true)
            .Description("The channel; null for customers without a recorded channel (in `total`: every channel).");
        Field(c => c.Spend)
            .Description(
                "The channel's spend in the period: each month's recorded spend counted for "
                    + "the share of the month inside the period."
            );
        Field(c => c.AcquiredCustomers).Description("Customers of the channel whose first order falls in the period.");
        Field("cac", c => c.Cac, nullable: true)
            .Description("Customer acquisition cost: spend ÷ acquiredCustomers; null when no customer was acquired.");
        Field(c => c.MarginToDate)
            .Description(
                "The acquired customers' orders to date, each counted by its margin "
                    + "(by its amount when the order has no margin)."
            );
        Field("predictedClv", c => c.PredictedClv)
            .Description(
                "The acquired customers' current predicted CLV, summed "
                    + "(discounted over the scoring horizon; an unscored customer counts 0)."
            );
        Field("averageClv", c => c.AverageClv, nullable: true)
            .Description(
                "The value of an acquired customer as CLV:CAC takes it: (marginToDate + predictedClv) ÷ "
                    + "acquiredCustomers — what they brought so far plus what they are expected to bring; null without "
                    + "acquired customers."
            );
        Field("clvToCac", c => c.ClvToCac, nullable: true)
            .Description("averageClv ÷ cac; null when the CAC is 0 (nothing spent) or undefined.");
        Field("paybackMonths", c => c.PaybackMonths, nullable: true)
            .Description(
                "Months until the acquired customers' cumulative margin per customer (as in marginToDate) "
                    + "reaches the CAC, counted in calendar months "
                    + "after the month of each first order (0 = that month) and interpolated within the month that "
                    + "reaches it; 0 when nothing was spent; null when the CAC is undefined or not recovered yet."
            );
    }
}
