namespace Personalize.Common;

/// <summary>Calendar months, in UTC like every time the service stores.</summary>
public static class CalendarMonth
{
    /// <summary>The first instant of the month <paramref name="time"/> falls in.</summary>
    public static DateTime StartOf(DateTime time) => new(time.Year, time.Month, 1, 0, 0, 0, DateTimeKind.Utc);
}
