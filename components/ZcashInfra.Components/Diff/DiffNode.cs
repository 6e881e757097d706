using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// One node as the diff sees it, whether it came from a graph or from a rendered file: its
/// identity, its inputs (secret leaves kept as secrets when they came from a graph) and the options
/// Pulumi acts on.
/// </summary>
/// <param name="Path">Graph path.</param>
/// <param name="Parent">Parent path or null.</param>
/// <param name="Type">Type token.</param>
/// <param name="Name">Logical name.</param>
/// <param name="Kind">Component or resource.</param>
/// <param name="Inputs">Inputs; from a graph, leaves may be <see cref="Secret"/>s.</param>
/// <param name="Options">dependsOn, protect, retainOnDelete, ignoreChanges, deleteBeforeReplace, provider.</param>
public sealed record DiffNode(
    string Path,
    string? Parent,
    string Type,
    string Name,
    NodeKind Kind,
    JsonObject Inputs,
    JsonObject Options)
{
    /// <summary>The option naming the explicit provider (a change replaces the resource).</summary>
    public const string ProviderOption = "provider";

    /// <summary>The <c>ignoreChanges</c> paths.</summary>
    public IEnumerable<string> IgnoreChanges =>
        (Options["ignoreChanges"] as JsonArray ?? []).Select(p => p?.GetValue<string>()).OfType<string>();
}
