using System.Text.Json;
using System.Text.Json.Serialization;
using GraphQL.Transport;

namespace Personalize.Api.Http;

/// <summary>A POSTed JSON body: one request object, or an array of them (a batch).</summary>
[JsonConverter(typeof(Converter))]
public sealed class GraphQLRequestBody
{
    public required GraphQLRequest[] Operations { get; init; }
    public bool IsBatch { get; init; }

    private sealed class Converter : JsonConverter<GraphQLRequestBody>
    {
        public override GraphQLRequestBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.StartArray => new() { Operations = JsonSerializer.Deserialize<GraphQLRequest[]>(ref reader, options) ?? [], IsBatch = true },
            JsonTokenType.StartObject => new() { Operations = [JsonSerializer.Deserialize<GraphQLRequest>(ref reader, options)!] },
            _ => throw new JsonException("The body must be a JSON object (or an array of them)."),
        };

        public override void Write(Utf8JsonWriter writer, GraphQLRequestBody value, JsonSerializerOptions options) =>
            throw new NotSupportedException();
    }
}
