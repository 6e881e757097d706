using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// What a program running in a pod (or an operator-run pod such as a Tekton EventListener) does
/// with the Kubernetes API: which verbs on which resource of which group. The component that runs
/// the program declares it once; it is written on the object that runs under the service account
/// (<see cref="Annotation"/>), the component's Role or ClusterRole is built from it, and
/// <c>DeclaredApiUsePolicy</c> fails any rendered Role or ClusterRole that grants more than the
/// declared uses of the service accounts it is bound to.
/// </summary>
/// <param name="Group">The API group (<c>""</c> for the core group).</param>
/// <param name="Resource">The resource, plural and lowercase (<c>volumesnapshots</c>).</param>
/// <param name="Verbs">The verbs used (<c>get</c>, <c>list</c>, <c>watch</c>, <c>create</c>, <c>delete</c>, …).</param>
/// <param name="ClusterScoped">True for a cluster-scoped resource (granted by a ClusterRole and ClusterRoleBinding); false: in the namespace of the Role.</param>
public sealed record KubernetesApiUse(string Group, string Resource, ImmutableArray<string> Verbs, bool ClusterScoped = false)
{
    /// <summary>The annotation, on a pod template or an object with <c>spec.serviceAccountName</c>, that lists its uses as JSON.</summary>
    public const string Annotation = "zcash-infra/kubernetes-api-uses";

    /// <summary>The annotation's value: a JSON array of <c>{group, resource, verbs, clusterScoped}</c>, in the given order.</summary>
    public static string ToAnnotation(IEnumerable<KubernetesApiUse> uses) =>
        new JsonArray([.. uses.Select(u => (JsonNode)new JsonObject
        {
            ["group"] = u.Group,
            ["resource"] = u.Resource,
            ["verbs"] = new JsonArray([.. u.Verbs.Select(v => JsonValue.Create(v))]),
            ["clusterScoped"] = u.ClusterScoped,
        })]).ToJsonString();

    /// <summary>Reads an annotation written by <see cref="ToAnnotation"/>; null when it is not such a list.</summary>
    public static IReadOnlyList<KubernetesApiUse>? FromAnnotation(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonArray items)
            {
                return null;
            }

            var uses = new List<KubernetesApiUse>();
            foreach (var item in items)
            {
                if (item?["group"]?.GetValue<string>() is not { } group || item["resource"]?.GetValue<string>() is not { } resource
                    || item["verbs"] is not JsonArray verbs)
                {
                    return null;
                }

                uses.Add(new KubernetesApiUse(group, resource, [.. verbs.Select(v => v!.GetValue<string>())], item["clusterScoped"]?.GetValue<bool>() ?? false));
            }

            return uses;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>RBAC rules granting exactly <paramref name="uses"/> (one rule per use).</summary>
    public static JsonArray Rules(IEnumerable<KubernetesApiUse> uses) =>
        new([.. uses.Select(u => (JsonNode)new JsonObject
        {
            ["apiGroups"] = new JsonArray(u.Group),
            ["resources"] = new JsonArray(u.Resource),
            ["verbs"] = new JsonArray([.. u.Verbs.Select(v => JsonValue.Create(v))]),
        })]);
}
