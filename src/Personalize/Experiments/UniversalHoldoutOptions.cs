using Microsoft.Extensions.Configuration;

namespace Personalize.Experiments;

/// <summary>The universal holdout: customers who get no personalization and no offers at all. Bound from
/// "Experiments:UniversalHoldout".</summary>
public sealed class UniversalHoldoutOptions
{
    public const string Section = "Experiments:UniversalHoldout";
    public const double MaxShare = 0.5;

    /// <summary>Share of customers (0 to 0.5) held out of the whole program; 0 turns the holdout off.</summary>
    public double Share { get; set; }

    /// <summary>Salt of the membership hash. Changing it moves everyone: keep it for the life of the
    /// measurement.</summary>
    public string Salt { get; set; } = "universal-holdout";

    /// <summary>Binds the section; an unknown key or a value out of range is an error naming the setting.</summary>
    public static UniversalHoldoutOptions Bind(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var known = typeof(UniversalHoldoutOptions)
            .GetProperties()
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
            if (!known.Contains(child.Key))
                throw new InvalidOperationException(
                    $"{Section}:{child.Key} is not a setting; the settings are {string.Join(", ", known)}."
                );
        var options = section.Get<UniversalHoldoutOptions>() ?? new UniversalHoldoutOptions();
        if (options.Share is < 0 or > MaxShare || double.IsNaN(options.Share))
            throw new InvalidOperationException(
                $"{Section}:Share is {options.Share}; it must be between 0 and {MaxShare}."
            );
        if (string.IsNullOrWhiteSpace(options.Salt))
            throw new InvalidOperationException($"{Section}:Salt must not be empty.");
        return options;
    }
}
