using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// Registers complete Kubernetes API objects in the graph. The Pulumi type token is derived from the
/// object's own apiVersion and kind, so the two cannot disagree, and every object uses the stack's
/// explicit Kubernetes provider.
/// </summary>
public static class KubernetesObjects
{
    /// <summary>The label every object this project manages carries.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedByLabel"/>.</summary>
    public const string ManagedBy = "zcash-infra";

    /// <summary>The Pulumi type token for an apiVersion and kind (core objects are <c>core/v1</c>).</summary>
    public static string TypeToken(string apiVersion, string kind) =>
        $"kubernetes:{(apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion : "core/" + apiVersion)}:{kind}";

    /// <summary>Registers an object (apiVersion, kind and metadata.name required) under <paramref name="scope"/>.</summary>
    /// <param name="scope">Where to register it.</param>
    /// <param name="logicalName">Logical name (unique per URN, so prefix it with the component's name).</param>
    /// <param name="manifest">The complete object.</param>
    /// <param name="provider">Graph path of the Kubernetes provider.</param>
    /// <param name="options">Further options (dependsOn, protect, …); the provider is set here.</param>
    public static string Declare(GraphScope scope, string logicalName, JsonObject manifest, string provider, NodeOptions? options = null)
    {
        var apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? throw new GraphException($"{logicalName}: manifest has no apiVersion");
        var kind = manifest["kind"]?.GetValue<string>() ?? throw new GraphException($"{logicalName}: manifest has no kind");
        if (manifest["metadata"]?["name"] is null)
        {
            throw new GraphException($"{logicalName}: {kind} has no metadata.name");
        }

        return scope.Resource(TypeToken(apiVersion, kind), logicalName, manifest, (options ?? NodeOptions.None) with { Provider = provider });
    }

    /// <summary>Standard metadata: name, optional namespace, the recommended labels plus any extra ones.</summary>
    public static JsonObject Metadata(string name, string? @namespace, string component, string instance, IReadOnlyDictionary<string, string>? extraLabels = null)
    {
        var labels = new JsonObject
        {
            ["app.kubernetes.io/name"] = component,
            ["app.kubernetes.io/instance"] = instance,
            [ManagedByLabel] = ManagedBy,
        };
        foreach (var (key, value) in extraLabels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        var metadata = new JsonObject { ["name"] = name };
        if (@namespace is not null)
        {
            metadata["namespace"] = @namespace;
        }

        metadata["labels"] = labels;
        return metadata;
    }
}
