namespace Personalize.Data;

/// <summary>Text conversions that LINQ cannot express, translated by <see cref="PersonalizeDbContext"/>.</summary>
public static class SqlText
{
    /// <summary>
    /// <paramref name="number"/> as text of the provider's unbounded type, in a query only. SQL Server's STRING_AGG of
    /// bounded text (what <c>int.ToString()</c> gives) fails once a group's result passes 8,000 bytes.
    /// </summary>
    public static string Unbounded(int number) =>
        throw new InvalidOperationException("SqlText.Unbounded() is translated to SQL only.");
}
