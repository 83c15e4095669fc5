using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalize.Lifetime;
using Personalize.Scores;

namespace Personalize.Tests.Scores;

public sealed class ScoringOptionsTests
{
    [Fact]
    public void The_selection_and_penalty_settings_bind()
    {
        var options = Bind(
            new()
            {
                ["Scores:Models:0"] = "ParetoNbd",
                ["Scores:Models:1"] = "BG/NBD",
                ["Scores:HoldoutDays"] = "60",
                ["Scores:Penalizer"] = "0.001",
                ["Scores:BacktestSampleCustomers"] = "0",
            }
        );

        Assert.Equal([PurchaseModelKind.ParetoNbd, PurchaseModelKind.BgNbd], options.ModelKinds());
        Assert.Equal(60, options.HoldoutDays);
        Assert.Equal(0.001, options.Penalizer);
        Assert.Equal(0, options.BacktestSampleCustomers);
        Assert.Equal(100_000, Bind([]).BacktestSampleCustomers);
        Assert.Equal(PurchaseModelKindExtensions.All, Bind([]).ModelKinds());
    }

    [Theory]
    [InlineData("Scores:Penalizer", "-1", "Scores:Penalizer")]
    [InlineData("Scores:HoldoutDays", "0", "Scores:HoldoutDays")]
    [InlineData("Scores:Models:0", "Weibull", "Scores:Models: unknown model 'Weibull'")]
    [InlineData("Scores:MinimumBacktestRepeatCustomers", "0", "Scores:MinimumBacktestRepeatCustomers")]
    [InlineData("Scores:BacktestSampleCustomers", "500", "Scores:BacktestSampleCustomers")]
    [InlineData("Scores:BacktestSampleCustomers", "-1", "Scores:BacktestSampleCustomers")]
    public void A_bad_value_is_an_error_naming_the_key(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void An_unknown_key_is_an_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Bind(new() { ["Scores:PenalizerCoef"] = "0.1" }));
        Assert.Contains("PenalizerCoef", error.Message);
    }

    private static ScoringOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services
            .AddOptions<ScoringOptions>()
            .Bind(configuration.GetSection(ScoringOptions.Section), o => o.ErrorOnUnknownConfiguration = true);
        services.AddSingleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>();
        return services.BuildServiceProvider().GetRequiredService<IOptions<ScoringOptions>>().Value;
    }
}
