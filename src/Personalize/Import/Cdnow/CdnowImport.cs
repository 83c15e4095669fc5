using System.Globalization;

namespace Personalize.Import.Cdnow;

/// <summary>
/// The CDNOW purchase logs of Fader &amp; Hardie, whitespace-separated and without quoting: the master file
/// (customer id, date yyyymmdd, number of CDs, dollar value; an optional header line) and the 1/10th sample (the same
/// with the sample's customer id as the second field). Each row is one order in USD, zero dollars included.
/// The customer id loses its leading zeros ("00004" → "4"), so the sample and the master name a customer alike; the
/// order id is "{customer}-{yyyymmdd}-{n}", n counting that customer's rows of that day, which is also the same in
/// both files, so importing the sample and then the master adds only the master's other customers.
/// The number of CDs is checked but not stored: an order has no item count.
/// </summary>
internal sealed class CdnowImport : IRowImport<OrderRow>
{
    public const string Source = "cdnow";
    private static readonly string[] Fields = ["field1", "field2", "field3", "field4", "field5", "field6"];
    private readonly OrderWriter _orders = new();
    private readonly Dictionary<(string Customer, DateTime Day), int> _rowsOfDay = new();

    public string What => "orders (cdnow)";
    public IReadOnlyList<string> RequiredColumns => [];
    public IReadOnlyList<string> HeaderlessColumns => Fields;
    public bool AffectsCustomerSummaries => true;

    public OrderRow? Parse(CsvRow row, ImportSession session)
    {
        var fields = Fields.Select(row.Text).TakeWhile(f => f is not null).Select(f => f!).ToArray();
        if (session.RowsRead == 1 && fields.Length > 0 && !fields[0].All(char.IsAsciiDigit))
        {
            session.ReportSkipped("header line");
            return null;
        }
        var (customerField, dateField, cdsField, amountField) = fields.Length switch
        {
            4 => (fields[0], fields[1], fields[2], fields[3]),
            5 => (fields[0], fields[2], fields[3], fields[4]),
            _ => throw new RowError(
                "expected 4 fields (customer id, date, number of CDs, dollar value) or 5 (with "
                    + $"the sample id), found {(fields.Length > 5 ? "more than 5" : fields.Length)}"
            ),
        };
        var customer = CustomerId(customerField);
        var day = Day(dateField);
        _ = Cds(cdsField);
        var amount = Cells.NotNegative("dollar value", CsvRow.ParseDecimal("dollar value", amountField));

        var n = _rowsOfDay[(customer, day)] = _rowsOfDay.GetValueOrDefault((customer, day)) + 1;
        return new OrderRow(
            customer,
            $"{customer}-{day:yyyyMMdd}-{n}",
            day,
            amount,
            Currency: "USD",
            Margin: null,
            Line: null
        );
    }

    public string? GroupKey(OrderRow row) => row.OrderId;

    public Task WriteAsync(
        IReadOnlyList<Parsed<OrderRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    ) => _orders.WriteAsync(batch, session, cancellationToken);

    /// <summary>"00004" → "4".</summary>
    private static string CustomerId(string value) =>
        value.Length <= 128 && value.All(char.IsAsciiDigit)
            ? value.TrimStart('0') is { Length: > 0 } id
                ? id
                : "0"
            : throw new RowError($"customer id: '{value}' is not a number");

    private static DateTime Day(string value) =>
        DateTime.TryParseExact(
            value,
            "yyyyMMdd",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
            out var day
        )
            ? day
            : throw new RowError($"date: '{value}' is not a date yyyymmdd");

    private static int Cds(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new RowError($"number of CDs: '{value}' is not a whole number ≥ 0");
}
