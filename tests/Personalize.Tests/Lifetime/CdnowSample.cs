using System.Globalization;
using Personalize.Lifetime;

namespace Personalize.Tests.Lifetime;

/// <summary>Loads TestData/cdnow/CDNOW_sample.txt (see its README) once per test run.</summary>
internal static class CdnowSample
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    private static readonly Lazy<IReadOnlyDictionary<string, List<CustomerTransaction>>> Transactions = new(Load);

    public static IReadOnlyDictionary<string, List<CustomerTransaction>> TransactionsByCustomer => Transactions.Value;

    public static IReadOnlyList<CustomerStatistics> CalibrationStatistics(ClvTimeUnit unit = ClvTimeUnit.Week) =>
        TransactionsByCustomer
            .Values.Select(t => CustomerStatistics.FromTransactions(t, CalibrationEnd, unit))
            .OfType<CustomerStatistics>()
            .ToList();

    private static IReadOnlyDictionary<string, List<CustomerTransaction>> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "cdnow", "CDNOW_sample.txt");
        var byCustomer = new Dictionary<string, List<CustomerTransaction>>();
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5)
                continue;
            var date = DateTime.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            var amount = decimal.Parse(fields[4], CultureInfo.InvariantCulture);
            if (!byCustomer.TryGetValue(fields[0], out var list))
                byCustomer[fields[0]] = list = [];
            list.Add(new CustomerTransaction(date, amount));
        }
        return byCustomer;
    }
}
