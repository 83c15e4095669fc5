namespace Personalize.Common;

/// <summary>Collects validation failures for one mutation input; each names the input field and the reason.</summary>
public sealed class Validator(string prefix = "input")
{
    private readonly List<MutationError> _errors = [];

    public IReadOnlyList<MutationError> Errors => _errors;
    public bool IsValid => _errors.Count == 0;

    public void Fail(string field, string message) =>
        _errors.Add(new MutationError(MutationErrorCode.Validation, WithSubject(field, message), $"{prefix}.{field}"));

    /// <summary>"is required." becomes "title is required.": a message read without its path still names the
    /// field.</summary>
    private static string WithSubject(string field, string message)
    {
        if (message.Length == 0 || !char.IsLower(message[0]))
            return message;
        var name = field[(field.LastIndexOf('.') + 1)..];
        return Predicates.Any(p => message.StartsWith(p, StringComparison.Ordinal))
            ? $"{name} {message}"
            : $"{name}: {message}";
    }

    private static readonly string[] Predicates = ["is ", "are ", "has ", "must ", "cannot "];

    /// <summary>A number as people read it: 100,000,000 and 0.5, not 100000000 and 0.50.</summary>
    public static string Number(decimal value) =>
        value.ToString("#,0.##########", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A failure whose path is already complete, e.g. one a filter reported inside a segment rule.</summary>
    public void FailAt(string path, string message) =>
        _errors.Add(new MutationError(MutationErrorCode.Validation, message, path));

    public void Conflict(string field, string message) =>
        _errors.Add(new MutationError(MutationErrorCode.Conflict, message, $"{prefix}.{field}"));

    public void NotFound(string field, string message) =>
        _errors.Add(new MutationError(MutationErrorCode.NotFound, message, $"{prefix}.{field}"));

    public string? Text(string field, string? value, int maxLength, bool required = false)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (trimmed is null && required)
            Fail(field, "is required.");
        else if (trimmed is not null && trimmed.Length > maxLength)
            Fail(field, $"is {trimmed.Length} characters long; at most {maxLength} are allowed.");
        return trimmed;
    }

    public string? Id(string field, string? value, int maxLength = 128)
    {
        var id = Text(field, value, maxLength, required: true);
        if (id is not null && id.Any(char.IsControl))
            Fail(field, "must not contain control characters.");
        return id;
    }

    public string? Slug(string field, string? value)
    {
        var slug = Text(field, value, 128, required: true);
        if (slug is not null && !Formats.IsSlug(slug))
            Fail(
                field,
                $"'{slug}' is not a slug: use lower-case letters, digits and single dashes, e.g. 'summer-hiking-guide'."
            );
        return slug;
    }

    public string? Code(string field, string? value)
    {
        var code = Text(field, value, 64, required: true);
        if (code is not null && !Formats.IsCode(code))
            Fail(
                field,
                $"'{code}' is not a code: use upper-case letters, digits, dashes and underscores, e.g. 'WELCOME_10'."
            );
        return code;
    }

    public string? Email(string field, string? value)
    {
        var email = Text(field, value, 254);
        if (email is not null && !Formats.IsEmail(email))
            Fail(field, $"'{email}' is not an email address.");
        return email?.ToLowerInvariant();
    }

    public string? Country(string field, string? value)
    {
        var country = Text(field, value, 100);
        if (country is not null && !Formats.IsCountry(country))
            Fail(field, $"'{country}' is not an ISO 3166-1 alpha-2 country code, e.g. 'FR'.");
        return country?.ToUpperInvariant();
    }

    public string? Locale(string field, string? value)
    {
        var locale = Text(field, value, 100);
        if (locale is not null && (locale.Length > 35 || !Formats.IsLocale(locale)))
            Fail(field, $"'{locale}' is not a locale, e.g. 'fr-FR' or 'en'.");
        return locale;
    }

    public string? Currency(string field, string? value)
    {
        var currency = Text(field, value, 100);
        if (currency is not null && !Formats.IsCurrency(currency))
            Fail(field, $"'{currency}' is not an ISO 4217 currency code, e.g. 'EUR'.");
        return currency?.ToUpperInvariant();
    }

    public string? Url(string field, string? value)
    {
        var url = Text(field, value, 2000);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            Fail(field, $"'{url}' is not an absolute http(s) URL.");
        return url;
    }

    public string[] Tags(string field, IEnumerable<string>? values)
    {
        var tags = (values ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct().ToArray();
        if (tags.Length > 50)
            Fail(field, $"has {tags.Length} tags; at most 50 are allowed.");
        for (var i = 0; i < tags.Length; i++)
            if (tags[i].Length is 0 or > 64)
                Fail($"{field}[{i}]", "a tag has 1 to 64 characters.");
        return tags;
    }

    public void Range(string field, decimal? value, decimal min, decimal max)
    {
        if (value is not null && (value < min || value > max))
            Fail(field, $"is {Number(value.Value)}; it must be between {Number(min)} and {Number(max)}.");
    }

    public void Range(string field, int? value, int min, int max) => Range(field, (decimal?)value, min, max);

    public void Window(string fromField, DateTime? from, string untilField, DateTime? until)
    {
        if (from is not null && until is not null && until <= from)
            Fail(untilField, $"must be after {fromField}.");
    }
}
