using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Microsoft.ML.Data;
using Personalize.Common;
using Personalize.Data;

namespace Personalize.Offers;

/// <summary>What P(redeem) is predicted from: the customer at decision time, the offer and the channel.</summary>
public sealed record PropensityInput(
    LifecycleStage Stage,
    decimal CustomerValue,
    int? DaysSinceLastOrder,
    RewardType RewardType,
    decimal RewardValue,
    decimal Cost,
    Channel Channel
);

/// <summary>
/// P(redeem | customer, offer): the prior from configuration (<see cref="OffersOptions.PriorRedeemProbability"/>)
/// until a model trained on at least <see cref="RedemptionModelOptions.MinExamples"/> assignments exists; then the
/// latest such model, predicted for a whole page of candidates at once. A running service looks for a newer model
/// every <see cref="RedemptionModelOptions.RefreshMinutes"/> minutes.
/// </summary>
public sealed class RedemptionPropensity(
    IDbContextFactory<PersonalizeDbContext> factory,
    IOptions<OffersOptions> options,
    TimeProvider clock
)
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile LoadedModel? _model;
    private DateTime _checkedAt = DateTime.MinValue;

    public sealed record Prediction(double Probability, string Source);

    public async Task<IReadOnlyList<Prediction>> PredictAsync(
        IReadOnlyList<PropensityInput> inputs,
        CancellationToken cancellationToken
    )
    {
        if (inputs.Count == 0)
            return [];
        var model = await CurrentModelAsync(cancellationToken);
        if (model is null)
            return inputs
                .Select(i => new Prediction(options.Value.PriorRedeemProbability(i.Stage, i.RewardType), "prior"))
                .ToList();
        var source = $"model #{model.Id}";
        return Predict(model.Transformer, inputs).Select(p => new Prediction(p, source)).ToList();
    }

    /// <summary>Predicts with a given model (training uses it on the held-out split).</summary>
    internal IReadOnlyList<double> Predict(ITransformer transformer, IReadOnlyList<PropensityInput> inputs)
    {
        var data = _ml.Data.LoadFromEnumerable(inputs.Select(i => RedemptionExample.From(i, false)));
        return _ml
            .Data.CreateEnumerable<RedemptionScore>(transformer.Transform(data), reuseRowObject: false)
            .Select(s => (double)Math.Clamp(s.Probability, 0f, 1f))
            .ToList();
    }

    /// <summary>Makes a newly trained model current at once in this process (others pick it up at their next
    /// refresh).</summary>
    internal void Use(RedemptionModelRecord record, ITransformer transformer)
    {
        if (record.Examples >= options.Value.Model.MinExamples)
            _model = new LoadedModel(record.Id, transformer);
    }

    internal MLContext Ml => _ml;

    private async Task<LoadedModel?> CurrentModelAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _checkedAt < TimeSpan.FromMinutes(options.Value.Model.RefreshMinutes))
            return _model;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (now - _checkedAt < TimeSpan.FromMinutes(options.Value.Model.RefreshMinutes))
                return _model;
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var minimum = options.Value.Model.MinExamples;
            var latest = await db
                .RedemptionModels.Where(m => m.Examples >= minimum)
                .OrderByDescending(m => m.Id)
                .Select(m => new { m.Id })
                .FirstOrDefaultAsync(cancellationToken);
            if (latest is not null && latest.Id != _model?.Id)
            {
                var bytes = await db
                    .RedemptionModels.Where(m => m.Id == latest.Id)
                    .Select(m => m.Model)
                    .SingleAsync(cancellationToken);
                using var stream = new MemoryStream(bytes);
                _model = new LoadedModel(latest.Id, _ml.Model.Load(stream, out _));
            }
            _checkedAt = now;
            return _model;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record LoadedModel(long Id, ITransformer Transformer);
}

/// <summary>One assignment as the model sees it.</summary>
internal sealed class RedemptionExample
{
    public bool Label { get; set; }
    public string Stage { get; set; } = "";
    public string RewardType { get; set; } = "";
    public string Channel { get; set; } = "";
    public float LogValue { get; set; }

    /// <summary>NaN for customers who never ordered (LightGBM treats it as missing).</summary>
    public float DaysSinceLastOrder { get; set; }
    public float RewardValue { get; set; }
    public float Cost { get; set; }
    public float CostShareOfValue { get; set; }

    public static RedemptionExample From(PropensityInput i, bool redeemed) =>
        new()
        {
            Label = redeemed,
            Stage = i.Stage.ToString(),
            RewardType = i.RewardType.ToString(),
            Channel = i.Channel.ToString(),
            LogValue = (float)Math.Log(1 + (double)Math.Max(0m, i.CustomerValue)),
            DaysSinceLastOrder = i.DaysSinceLastOrder is { } d ? d : float.NaN,
            RewardValue = (float)i.RewardValue,
            Cost = (float)i.Cost,
            CostShareOfValue = i.CustomerValue > 0 ? (float)(i.Cost / i.CustomerValue) : 1f,
        };
}

internal sealed class RedemptionScore
{
    [ColumnName("Probability")]
    public float Probability { get; set; }
}
