using System.Globalization;
using Personalize.Content;
using Personalize.Interactions;

namespace Personalize.Import.OnlineRetail;

/// <summary>
/// The UCI "Online Retail" log as published
/// (InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country). Skipped and counted, in this
/// order: cancellations (InvoiceNo starting with C), rows without CustomerID, non-product stock codes (a product code
/// starts with 5 digits; POST, DOT, M, C2, D, S, B, BANK CHARGES, AMAZONFEE, CRUK, PADS, DCGS..., gift_... do not),
/// non-positive quantity or price, and exact repeats of a line within one invoice. Each invoice becomes one order
/// (amount = sum of its lines, GBP), each stock code a published PRODUCT content item (slug product-{code}, title =
/// first description seen), and each line a Purchase interaction weighted by its quantity. Invoice times carry no zone
/// and are taken as UTC.
/// </summary>
internal sealed class OnlineRetailImport : IRowImport<OrderRow>
{
    public const string Source = "online-retail";
    private readonly OrderWriter _orders = new();
    private readonly HashSet<string> _linesOfInvoice = new(StringComparer.Ordinal);
    private string? _invoice;

    public string What => "orders (online-retail)";
    public IReadOnlyList<string> RequiredColumns { get; } =
    ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];
    public bool AffectsCustomerSummaries => true;

    public static string ProductSlug(string stockCode) => "product-" + stockCode.ToLowerInvariant().Replace(' ', '-');

    public OrderRow? Parse(CsvRow row, ImportSession session)
    {
        var invoice = row.Required("InvoiceNo");
        if (invoice.StartsWith('C'))
            return Skip(session, "cancellations");
        var customer = row.Text("CustomerID");
        if (customer is null)
            return Skip(session, "without customer id");
        var stockCode = row.Required("StockCode").ToUpperInvariant();
        if (!IsProduct(stockCode))
            return Skip(session, "non-product codes");
        var quantity = row.Int("Quantity") ?? throw new RowError("Quantity: is required");
        var price = row.RequiredDecimal("UnitPrice");
        if (quantity <= 0 || price <= 0)
            return Skip(session, "non-positive quantity or price");

        if (invoice != _invoice)
        {
            _invoice = invoice;
            _linesOfInvoice.Clear();
        }
        var description = row.Text("Description");
        if (!_linesOfInvoice.Add(string.Join('|', stockCode, description, quantity, price)))
            return Skip(session, "duplicate lines");

        return new OrderRow(
            CustomerId(customer),
            invoice,
            row.RequiredDate("InvoiceDate"),
            Amount: null,
            Currency: "GBP",
            Margin: null,
            new OrderLineRow(stockCode, description, quantity, price),
            CountryCodes.Of(row.Text("Country"))
        );
    }

    public string? GroupKey(OrderRow row) => row.OrderId;

    public async Task WriteAsync(
        IReadOnlyList<Parsed<OrderRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    )
    {
        await EnsureProductsAsync(batch, session, cancellationToken);
        var orders = await _orders.WriteAsync(batch, session, cancellationToken);
        var items = await session.ContentIdsAsync(cancellationToken);
        // Interactions come only with orders inserted now, so a re-import adds none; the key names the line.
        var purchases = orders
            .SelectMany(o =>
                o.Lines.Select(
                    (line, n) =>
                        new Interaction
                        {
                            CustomerId = o.CustomerId,
                            ContentItemId = items[ProductSlug(line.ProductId)],
                            Kind = InteractionKind.Purchase,
                            OccurredAt = o.OrderedAt,
                            Weight = line.Quantity,
                            IdempotencyKey = $"{Source}:{o.ExternalId}:{n + 1}",
                        }
                )
            )
            .ToList();
        await session.InsertAsync(purchases, cancellationToken);
        session.ReportCreated("interactions", purchases.Count);
    }

    private static async Task EnsureProductsAsync(
        IReadOnlyList<Parsed<OrderRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    )
    {
        var items = await session.ContentIdsAsync(cancellationToken);
        var products = new Dictionary<string, ContentItem>();
        foreach (var (_, row) in batch)
        {
            var slug = ProductSlug(row.Line!.ProductId);
            if (items.ContainsKey(slug) || products.ContainsKey(slug))
                continue;
            products[slug] = new ContentItem
            {
                Slug = slug,
                Kind = ContentKind.Product,
                Title = row.Line.ProductName is { } name ? Titles.Capitalize(name) : row.Line.ProductId,
                Status = ContentStatus.Published,
                Channels = Common.ChannelSet.All,
                CreatedAt = row.OrderedAt,
                UpdatedAt = row.OrderedAt,
            };
        }
        await session.InsertAsync(products.Values, cancellationToken);
        foreach (var (slug, item) in products)
            items[slug] = item.Id;
        session.ReportCreated("content items", products.Count);
    }

    private static bool IsProduct(string stockCode) =>
        stockCode.Length >= 5 && stockCode.Take(5).All(char.IsAsciiDigit);

    /// <summary>"17850.0" → "17850".</summary>
    private static string CustomerId(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
        && d == decimal.Truncate(d)
            ? ((long)d).ToString(CultureInfo.InvariantCulture)
            : value;

    private static OrderRow? Skip(ImportSession session, string reason)
    {
        session.ReportSkipped(reason);
        return null;
    }
}

internal static class Titles
{
    /// <summary>"WHITE HANGING HEART T-LIGHT HOLDER" → "White hanging heart t-light holder".</summary>
    public static string Capitalize(string upper) =>
        upper.Length == 0 ? upper : char.ToUpperInvariant(upper[0]) + upper[1..].ToLowerInvariant();
}
