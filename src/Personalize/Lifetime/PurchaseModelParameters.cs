using System.Globalization;

namespace Personalize.Lifetime;

/// <summary>A purchase model's parameters, in the order of <see cref="PurchaseModelKindExtensions.ParameterNames"/>;
/// rates in the data's time unit.</summary>
public sealed record PurchaseModelParameters
{
    public PurchaseModelParameters(PurchaseModelKind kind, params double[] values)
    {
        if (values.Length != kind.ParameterNames().Count)
            throw new ArgumentException(
                $"{kind.DisplayName()} has {kind.ParameterNames().Count} parameters, got {values.Length}.",
                nameof(values)
            );
        Kind = kind;
        Values = values;
    }

    public PurchaseModelKind Kind { get; }
    public IReadOnlyList<double> Values { get; }

    public IEnumerable<(string Name, double Value)> Named => Kind.ParameterNames().Zip(Values);

    public double this[string name] => Values[IndexOf(name)];

    public IPurchaseModel CreateModel() =>
        Kind switch
        {
            PurchaseModelKind.BgNbd => new BgNbdModel(new BgNbdParameters(Values[0], Values[1], Values[2], Values[3])),
            PurchaseModelKind.ParetoNbd => new ParetoNbdModel(this),
            PurchaseModelKind.MbgNbd => new MbgNbdModel(this),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown purchase model."),
        };

    /// <summary>"r=0.243;alpha=4.414;a=0.793;b=2.426", the form stored with a snapshot (round-trip
    /// precision).</summary>
    public string Serialize() =>
        string.Join(';', Named.Select(p => p.Name + "=" + p.Value.ToString("R", CultureInfo.InvariantCulture)));

    public static PurchaseModelParameters Parse(PurchaseModelKind kind, string text)
    {
        var values = new double[kind.ParameterNames().Count];
        var pairs = text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        var names = kind.ParameterNames();
        for (var i = 0; i < names.Count; i++)
            values[i] = double.Parse(pairs[names[i]], CultureInfo.InvariantCulture);
        return new PurchaseModelParameters(kind, values);
    }

    public override string ToString() =>
        Kind.DisplayName()
        + " "
        + string.Join(", ", Named.Select(p => p.Name + " = " + p.Value.ToString("G4", CultureInfo.InvariantCulture)));

    public bool Equals(PurchaseModelParameters? other) =>
        other is not null && Kind == other.Kind && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Kind, Values.Count > 0 ? Values[0] : 0);

    private int IndexOf(string name)
    {
        var names = Kind.ParameterNames();
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name)
                return i;
        throw new ArgumentException($"{Kind.DisplayName()} has no parameter '{name}'.", nameof(name));
    }
}
