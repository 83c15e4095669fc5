using System.Text;

namespace Personalize.Querying;

/// <summary>The one place that maps C# enum member names to GraphQL enum value names (AtRisk ⇄ AT_RISK).</summary>
public static class GraphQLNames
{
    public static string ToConstantCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
                builder.Append('_');
            builder.Append(char.ToUpperInvariant(name[i]));
        }
        return builder.ToString();
    }

    public static string EnumValueName(Enum value) => ToConstantCase(value.ToString());

    public static bool TryParseEnum(Type enumType, string text, out object? value)
    {
        foreach (var member in Enum.GetValues(enumType))
        {
            if (
                string.Equals(ToConstantCase(member.ToString()!), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(member.ToString(), text, StringComparison.OrdinalIgnoreCase)
            )
            {
                value = member;
                return true;
            }
        }
        value = null;
        return false;
    }
}
