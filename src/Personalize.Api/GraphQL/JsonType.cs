using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Personalize.Api.GraphQL;

/// <summary>An output-only JSON value, written as the JSON it holds (an object stays an object, not a
/// string).</summary>
public sealed class JsonType : ScalarGraphType
{
    public JsonType()
    {
        Name = "JSON";
        Description =
            "A JSON value (object, array, string, number, boolean or null), returned as JSON rather than as "
            + "a string of it.";
    }

    public override object? Serialize(object? value) =>
        value switch
        {
            null => null,
            string json => JsonSerializer.Deserialize<JsonElement>(json),
            _ => JsonSerializer.SerializeToElement(value),
        };

    public override object? ParseValue(object? value) =>
        throw new InvalidOperationException("JSON is an output type here.");

    public override object? ParseLiteral(GraphQLValue value) =>
        throw new InvalidOperationException("JSON is an output type here.");

    public override bool CanParseLiteral(GraphQLValue value) => false;

    public override bool CanParseValue(object? value) => false;
}
