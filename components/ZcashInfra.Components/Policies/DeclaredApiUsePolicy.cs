using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Every rendered Role and ClusterRole grants nothing beyond what the objects running under the
/// service accounts it is bound to declare they use (<see cref="KubernetesApiUse"/>, the
/// <c>zcash-infra/kubernetes-api-uses</c> annotation on a pod template or on an object with
/// <c>spec.serviceAccountName</c>): no wildcard, no non-resource URL, no aggregation, no subject
/// other than a service account, no verb or resource undeclared, and a namespaced use never granted
/// cluster-wide. RBAC only adds permissions (kubernetes pkg/registry/rbac/validation/rule.go), so
/// the union of a subject's rules is what it may do.
/// </summary>
public sealed class DeclaredApiUsePolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "declared-api-use";

    /// <inheritdoc />
    public string Description => "Roles and ClusterRoles grant exactly what their service accounts' users declare they use: no wildcards, no extra resources or verbs";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var objects = KubernetesManifests.In(context.Graph).ToList();
        var uses = DeclaredUses(context);
        var bindings = objects.Where(o => IsRbac(o.Manifest) && Workloads.Text(o.Manifest["kind"]) is "RoleBinding" or "ClusterRoleBinding").ToList();
        foreach (var (node, role) in objects.Where(o => IsRbac(o.Manifest) && Workloads.Text(o.Manifest["kind"]) is "Role" or "ClusterRole"))
        {
            var kind = Workloads.Text(role["kind"])!;
            var name = Workloads.Text(role["metadata"]?["name"]);
            var ns = Workloads.Text(role["metadata"]?["namespace"]);
            if (role["aggregationRule"] is not null)
            {
                yield return new Finding(Id, node.Path, $"{kind} {name} aggregates other roles; list the rules it grants");
            }

            var rules = (role["rules"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            foreach (var problem in rules.SelectMany(Broad))
            {
                yield return new Finding(Id, node.Path, $"{kind} {name}: {problem}");
            }

            foreach (var (bindingNode, binding) in bindings.Where(b => Refers(b.Manifest, kind, name, ns)))
            {
                var bindingKind = Workloads.Text(binding["kind"])!;
                var bindingNs = Workloads.Text(binding["metadata"]?["namespace"]);
                foreach (var subject in (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var subjectKind = Workloads.Text(subject["kind"]);
                    var subjectName = Workloads.Text(subject["name"]);
                    if (subjectKind != "ServiceAccount")
                    {
                        yield return new Finding(Id, bindingNode.Path, $"binds {kind} {name} to {subjectKind} {subjectName}, which declares no use; bind service accounts whose users declare theirs");
                        continue;
                    }

                    var account = $"{Workloads.Text(subject["namespace"]) ?? bindingNs}/{subjectName}";
                    var declared = uses.TryGetValue(account, out var found) ? found : [];
                    foreach (var problem in Undeclared(rules, declared, bindingKind == "ClusterRoleBinding"))
                    {
                        yield return new Finding(Id, node.Path, $"{kind} {name} (bound by {bindingKind} {Workloads.Text(binding["metadata"]?["name"])}) grants service account {account} {problem}");
                    }
                }
            }
        }
    }

    private static bool IsRbac(JsonObject manifest) => Workloads.Text(manifest["apiVersion"])?.StartsWith("rbac.authorization.k8s.io/", StringComparison.Ordinal) == true;

    private static bool Refers(JsonObject binding, string kind, string? name, string? ns) =>
        Workloads.Text(binding["roleRef"]?["kind"]) == kind && Workloads.Text(binding["roleRef"]?["name"]) == name
        && (kind == "ClusterRole" || Workloads.Text(binding["metadata"]?["namespace"]) == ns);

    private static IEnumerable<string> Broad(JsonObject rule)
    {
        foreach (var field in new[] { "apiGroups", "resources", "verbs" })
        {
            if ((rule[field] as JsonArray ?? []).Any(v => Workloads.Text(v) is "*" || Workloads.Text(v)?.Contains('*', StringComparison.Ordinal) == true))
            {
                yield return $"a wildcard in {field}; name exactly what is used";
            }
        }

        if (rule["nonResourceURLs"] is JsonArray { Count: > 0 })
        {
            yield return "grants non-resource URLs, which nothing here declares";
        }
    }

    /// <summary>Each granted (group, resource, verb) the declared uses lack; a namespaced use granted cluster-wide.</summary>
    private static IEnumerable<string> Undeclared(List<JsonObject> rules, IReadOnlyList<KubernetesApiUse> declared, bool clusterWide)
    {
        foreach (var rule in rules)
        {
            var resources = (rule["resources"] as JsonArray ?? []).Select(Workloads.Text).OfType<string>().ToList();
            foreach (var group in (rule["apiGroups"] as JsonArray ?? []).Select(Workloads.Text).OfType<string>())
            {
                foreach (var resource in resources)
                {
                    foreach (var verb in (rule["verbs"] as JsonArray ?? []).Select(Workloads.Text).OfType<string>())
                    {
                        var use = declared.FirstOrDefault(u => u.Group == group && u.Resource == resource && u.Verbs.Contains(verb));
                        var what = $"{verb} on {(group.Length == 0 ? "core" : group)}/{resource}";
                        if (use is null)
                        {
                            yield return $"{what}, which none of its users declares";
                        }
                        else if (clusterWide && !use.ClusterScoped)
                        {
                            yield return $"{what} in every namespace; its users declare a namespaced use (grant it with a Role or a RoleBinding)";
                        }
                    }
                }
            }
        }
    }

    /// <summary>Declared uses by service account (<c>namespace/name</c>): pod templates, and objects that name a service account for pods an operator runs.</summary>
    private static Dictionary<string, IReadOnlyList<KubernetesApiUse>> DeclaredUses(PolicyContext context)
    {
        var uses = new Dictionary<string, List<KubernetesApiUse>>(StringComparer.Ordinal);
        void Add(string? ns, string? account, JsonNode? annotations)
        {
            var declared = KubernetesApiUse.FromAnnotation(Workloads.Text(annotations?[KubernetesApiUse.Annotation]));
            if (declared is null)
            {
                return;
            }

            var key = $"{ns}/{account ?? "default"}";
            if (!uses.TryGetValue(key, out var list))
            {
                uses[key] = list = [];
            }

            list.AddRange(declared);
        }

        foreach (var pod in Workloads.Pods(context.Graph))
        {
            Add(Workloads.Text(pod.Node.Inputs["metadata"]?["namespace"]), Workloads.Text(pod.Spec["serviceAccountName"]), pod.Annotations);
        }

        foreach (var (_, manifest) in KubernetesManifests.In(context.Graph))
        {
            if (Workloads.Text(manifest["spec"]?["serviceAccountName"]) is { } account)
            {
                Add(Workloads.Text(manifest["metadata"]?["namespace"]), account, manifest["metadata"]?["annotations"]);
            }
        }

        return uses.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<KubernetesApiUse>)kv.Value, StringComparer.Ordinal);
    }
}
