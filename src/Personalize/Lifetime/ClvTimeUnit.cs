namespace Personalize.Lifetime;

/// <summary>The unit in which recency (t_x), age (T) and forecast horizons are measured.</summary>
public enum ClvTimeUnit
{
    Day,
    Week,
}

public static class ClvTimeUnitExtensions
{
    /// <summary>The mean Gregorian month (365.25 / 12 days), used for monthly discounting.</summary>
    public const double DaysPerMonth = 365.25 / 12;

    public static double DaysPerUnit(this ClvTimeUnit unit) =>
        unit switch
        {
            ClvTimeUnit.Day => 1,
            ClvTimeUnit.Week => 7,
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
        };

    public static double FromDays(this ClvTimeUnit unit, double days) => days / unit.DaysPerUnit();
}
