using System.Text.Json;
using System.Text.Json.Serialization;
using GraphQL;
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
        public override GraphQLRequestBody Read(
            ref Utf8JsonReader reader,
            Type typeToConvert,
            JsonSerializerOptions options
        )
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    return new() { Operations = [ReadRequest(ref reader, options)] };
                case JsonTokenType.StartArray:
                    var operations = new List<GraphQLRequest>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.StartObject)
                            throw new JsonException("A batch holds request objects only.");
                        operations.Add(ReadRequest(ref reader, options));
                    }
                    return new() { Operations = [.. operations], IsBatch = true };
                default:
                    throw new JsonException("The body must be a JSON object (or an array of them).");
            }
        }

        /// <summary>Like GraphQL.NET's reader, but also takes Hot Chocolate's `id` as the document id.</summary>
        private static GraphQLRequest ReadRequest(ref Utf8JsonReader reader, JsonSerializerOptions options)
        {
            var request = new GraphQLRequest();
            string? id = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "query":
                        request.Query = reader.GetString();
                        break;
                    case "operationName":
                        request.OperationName = reader.GetString();
                        break;
                    case "documentId":
                        request.DocumentId = reader.GetString();
                        break;
                    case "id":
                        id = reader.GetString();
                        break;
                    case "variables":
                        request.Variables = JsonSerializer.Deserialize<Inputs>(ref reader, options);
                        break;
                    case "extensions":
                        request.Extensions = JsonSerializer.Deserialize<Inputs>(ref reader, options);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            request.DocumentId ??= id;
            return request;
        }

        public override void Write(Utf8JsonWriter writer, GraphQLRequestBody value, JsonSerializerOptions options) =>
            throw new NotSupportedException();
    }
}
