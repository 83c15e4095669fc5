namespace Personalize.Import;

/// <summary>A row read from the file, with its line number.</summary>
public readonly record struct Parsed<TRow>(long Line, TRow Row);

/// <summary>One kind of CSV import: how a row is read, and how a batch of rows is written.</summary>
public interface IRowImport<TRow>
    where TRow : class
{
    /// <summary>What the summary calls the rows, e.g. "orders".</summary>
    string What { get; }

    IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>The column names of a file without a header line; null when the first line is the header.</summary>
    IReadOnlyList<string>? HeaderlessColumns => null;

    /// <summary>True when the import changes order summaries, so customer summaries and stages are refreshed after
    /// it.</summary>
    bool AffectsCustomerSummaries { get; }

    /// <returns>The row, or null when the row is skipped on purpose (the reason was reported to the session).</returns>
    /// <exception cref="RowError">The row is bad.</exception>
    TRow? Parse(CsvRow row, ImportSession session);

    /// <summary>Rows with the same key are kept in the same batch (the lines of one order).</summary>
    string? GroupKey(TRow row) => null;

    /// <summary>Writes the batch; rows found bad only now (unknown item, unknown customer when strict) are reported to
    /// the session.</summary>
    Task WriteAsync(IReadOnlyList<Parsed<TRow>> batch, ImportSession session, CancellationToken cancellationToken);
}
