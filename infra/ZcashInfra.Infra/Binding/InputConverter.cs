using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pulumi;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Infra.Binding;

/// <summary>
/// Turns graph inputs (JSON with secret leaves) into the values the Pulumi serializer accepts:
/// string, bool, int, double, ImmutableDictionary, ImmutableArray and Output. Secrets become secret
/// outputs.
/// </summary>
internal static class InputConverter
{
    public static ImmutableDictionary<string, object?> Convert(JsonObject inputs) =>
        inputs.ToImmutableDictionary(kv => kv.Key, kv => Value(kv.Value), StringComparer.Ordinal);

    public static object? Value(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => Convert(o),
        JsonArray a => a.Select(Value).ToImmutableArray(),
        JsonValue v when InputTree.AsSecret(v) is { } secret => Output.CreateSecret(secret.RevealForEngine()),
        JsonValue v => Scalar(v),
        _ => throw new GraphException($"unsupported input node {node.GetType().Name}"),
    };

    private static object? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,

        // The serializer takes int and double, not long or decimal.
        JsonValueKind.Number when value.TryGetValue<int>(out var i) => i,
        JsonValueKind.Number => value.GetValue<double>(),
        var kind => throw new GraphException($"unsupported input value of kind {kind}"),
    };
}
