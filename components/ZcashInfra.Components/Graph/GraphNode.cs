using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Graph;

/// <summary>
/// One registration: a component or a resource, with everything Pulumi needs to register it.
/// </summary>
/// <param name="Path">URN-like path, <c>stack/component/…/name</c>, unique in the graph.</param>
/// <param name="Parent">Path of the parent component, or null at the top.</param>
/// <param name="Type">Pulumi type token.</param>
/// <param name="Name">Logical name, unique among the parent's children.</param>
/// <param name="Kind">Component or resource.</param>
/// <param name="Inputs">Inputs in the provider's own property names; leaves may be <see cref="Secret"/>. Do not mutate.</param>
/// <param name="Options">Resource options.</param>
/// <param name="Outputs">A component's outputs, by their camelCase names.</param>
public sealed record GraphNode(
    string Path,
    string? Parent,
    string Type,
    string Name,
    NodeKind Kind,
    JsonObject Inputs,
    NodeOptions Options,
    ImmutableArray<NamedValue> Outputs)
{
    /// <summary>The Pulumi package a type token belongs to (<c>gcp</c>, <c>aws</c>, <c>kubernetes</c>, …).</summary>
    public string Package => TypeTokens.PackageOf(Type);
}

/// <summary>A named value: a component or stack output.</summary>
/// <param name="Name">camelCase output name.</param>
/// <param name="Value">The value; leaves may be <see cref="Secret"/>.</param>
public sealed record NamedValue(string Name, JsonNode? Value);
