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
    /// <summary>The value of <see cref="RecommendedLabels.ManagedBy"/> on every object this project manages.</summary>
    public const string ManagedBy = "zcash-infra";

    /// <summary>Suffix of the provider's server-side-apply patch resources (<c>kubernetes:core/v1:ConfigMapPatch</c>).</summary>
    public const string PatchSuffix = "Patch";

    /// <summary>The annotation that lets a patch take over fields another manager set.</summary>
    public const string PatchForceAnnotation = "pulumi.com/patchForce";

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

    /// <summary>
    /// Registers a server-side-apply patch of an object this program does not own (one created by a
    /// release manifest): only the fields given are applied, under their own field manager, and
    /// forced over the owner's values. Names the object by apiVersion, kind, metadata.name and
    /// metadata.namespace like a full object, and is schema-checked as one.
    /// </summary>
    public static string DeclarePatch(GraphScope scope, string logicalName, JsonObject patch, string provider, NodeOptions? options = null)
    {
        var apiVersion = patch["apiVersion"]?.GetValue<string>() ?? throw new GraphException($"{logicalName}: patch has no apiVersion");
        var kind = patch["kind"]?.GetValue<string>() ?? throw new GraphException($"{logicalName}: patch has no kind");
        if (patch["metadata"] is not JsonObject metadata || metadata["name"] is null)
        {
            throw new GraphException($"{logicalName}: patch of {kind} has no metadata.name");
        }

        if (metadata["annotations"] is not JsonObject annotations)
        {
            metadata["annotations"] = annotations = [];
        }

        annotations[PatchForceAnnotation] = "true";
        return scope.Resource(TypeToken(apiVersion, kind) + PatchSuffix, logicalName, patch, (options ?? NodeOptions.None) with { Provider = provider });
    }

    /// <summary>Standard metadata: name, optional namespace, the recommended labels plus any extra ones.</summary>
    public static JsonObject Metadata(string name, string? @namespace, string component, string instance, IReadOnlyDictionary<string, string>? extraLabels = null)
    {
        var labels = new JsonObject
        {
            [RecommendedLabels.Name] = component,
            [RecommendedLabels.Instance] = instance,
            [RecommendedLabels.ManagedBy] = ManagedBy,
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
