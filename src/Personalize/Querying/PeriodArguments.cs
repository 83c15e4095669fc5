namespace Personalize.Querying;

/// <summary>The check of a period [from, to) given as two arguments.</summary>
public static class PeriodArguments
{
    /// <summary>Throws unless <paramref name="to"/> is after <paramref name="from"/>.</summary>
    public static void Check(DateTime from, DateTime to)
    {
        if (to <= from)
            throw new QueryException("to", "must be after from.");
    }
}
