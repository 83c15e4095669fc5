using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Personalize.Data;

namespace Personalize.Offers;

public sealed record RedemptionTrainingProgress(string Phase);

/// <summary>What `offers train` did; <see cref="InUse"/> says whether decisioning now uses the model.</summary>
public sealed record RedemptionTrainingSummary(
    int Examples,
    int Redemptions,
    int MinExamples,
    int HeldOut,
    double ModelAuc,
    double PriorAuc,
    long? ModelId,
    bool InUse,
    TimeSpan Elapsed
)
{
    public override string ToString() =>
        ModelId is null
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"Not enough history: {Examples:N0} assignments with a known outcome ({Redemptions:N0} redeemed); "
                    + $"{MinExamples:N0} needed (Offers:Model:MinExamples). The prior stays in use."
            )
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Trained P(redeem) model #{ModelId} on {Examples - HeldOut:N0} assignments ({Redemptions:N0} redeemed "
                    + $"in all): AUC {ModelAuc:0.000} on {HeldOut:N0} held out (prior {PriorAuc:0.000}); "
                    + $"{(InUse ? "in use" : "not used")} in {Elapsed.TotalSeconds:0.0} s"
            );
}

/// <summary>
/// Learns P(redeem) from past assignments whose outcome is known (redeemed, or expired unredeemed): a LightGBM binary
/// classifier on stage, value, recency, reward type/value/cost and channel, trained on a seeded random split and
/// measured (AUC) on the held-out part, beside the prior's AUC on the same part. The model is stored in the database.
/// </summary>
public sealed class RedemptionModelTrainer(
    IDbContextFactory<PersonalizeDbContext> factory,
    RedemptionPropensity propensity,
    IOptions<OffersOptions> options,
    TimeProvider clock
)
{
    public async Task<RedemptionTrainingSummary> TrainAsync(
        IProgress<RedemptionTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        progress?.Report(new("reading assignments"));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db
            .OfferAssignments.Where(a => a.RedeemedAt != null || a.ExpiresAt <= now)
            .OrderBy(a => a.Id)
            .Select(a => new
            {
                a.Stage,
                a.CustomerValue,
                a.DaysSinceLastOrder,
                a.Offer.RewardType,
                a.Offer.RewardValue,
                a.Offer.Cost,
                a.Channel,
                Redeemed = a.RedeemedAt != null,
            })
            .ToListAsync(cancellationToken);
        var examples = rows.Select(r =>
                (
                    Input: new PropensityInput(
                        r.Stage,
                        r.CustomerValue,
                        r.DaysSinceLastOrder,
                        r.RewardType,
                        r.RewardValue,
                        r.Cost,
                        r.Channel
                    ),
                    r.Redeemed
                )
            )
            .ToList();
        var redemptions = examples.Count(e => e.Redeemed);
        var minimum = settings.Model.MinExamples;
        if (examples.Count < minimum || redemptions == 0 || redemptions == examples.Count)
            return new RedemptionTrainingSummary(
                examples.Count,
                redemptions,
                minimum,
                0,
                double.NaN,
                double.NaN,
                null,
                false,
                stopwatch.Elapsed
            );

        // A seeded shuffle, so the same history gives the same split and the same figures.
        var random = new Random(20261124);
        var shuffled = examples.OrderBy(_ => random.Next()).ToList();
        var heldOutCount = Math.Max(1, (int)(shuffled.Count * settings.Model.HeldOutShare));
        var heldOut = shuffled.Take(heldOutCount).ToList();
        var training = shuffled.Skip(heldOutCount).ToList();

        progress?.Report(new($"training on {training.Count:N0} assignments"));
        var ml = propensity.Ml;
        var data = ml.Data.LoadFromEnumerable(training.Select(e => RedemptionExample.From(e.Input, e.Redeemed)));
        var pipeline = ml
            .Transforms.Categorical.OneHotEncoding([
                new InputOutputColumnPair("StageKey", nameof(RedemptionExample.Stage)),
                new InputOutputColumnPair("RewardTypeKey", nameof(RedemptionExample.RewardType)),
                new InputOutputColumnPair("ChannelKey", nameof(RedemptionExample.Channel)),
            ])
            .Append(
                ml.Transforms.Concatenate(
                    "Features",
                    "StageKey",
                    "RewardTypeKey",
                    "ChannelKey",
                    nameof(RedemptionExample.LogValue),
                    nameof(RedemptionExample.DaysSinceLastOrder),
                    nameof(RedemptionExample.RewardValue),
                    nameof(RedemptionExample.Cost),
                    nameof(RedemptionExample.CostShareOfValue)
                )
            )
            .Append(
                ml.BinaryClassification.Trainers.LightGbm(
                    new LightGbmBinaryTrainer.Options
                    {
                        NumberOfLeaves = 16,
                        NumberOfIterations = 150,
                        LearningRate = 0.05,
                        MinimumExampleCountPerLeaf = 20,
                        Seed = 1,
                        NumberOfThreads = 1,
                    }
                )
            );
        var model = pipeline.Fit(data);

        progress?.Report(new($"measuring on {heldOut.Count:N0} held-out assignments"));
        var labels = heldOut.Select(e => e.Redeemed).ToList();
        var modelAuc = Auc.Compute(propensity.Predict(model, heldOut.Select(e => e.Input).ToList()), labels);
        var priorAuc = Auc.Compute(
            heldOut.Select(e => settings.PriorRedeemProbability(e.Input.Stage, e.Input.RewardType)).ToList(),
            labels
        );

        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        var record = new RedemptionModelRecord
        {
            TrainedAt = now,
            Examples = examples.Count,
            Redemptions = redemptions,
            HeldOutExamples = heldOut.Count,
            HeldOutAuc = double.IsNaN(modelAuc) ? 0 : modelAuc,
            Model = stream.ToArray(),
        };
        db.RedemptionModels.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        propensity.Use(record, model);
        return new RedemptionTrainingSummary(
            examples.Count,
            redemptions,
            minimum,
            heldOut.Count,
            modelAuc,
            priorAuc,
            record.Id,
            true,
            stopwatch.Elapsed
        );
    }
}
