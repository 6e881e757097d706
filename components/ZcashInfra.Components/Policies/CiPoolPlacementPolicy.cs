using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// CI pods land only on the CI pool, and nothing else does. Every pod spec in the graph (workload
/// templates, CronJobs, Tekton run pod templates, EventListeners, runs inside TriggerTemplates) is
/// checked: outside the CI namespaces a pod may neither tolerate the CI pool's taint nor select it;
/// inside them, CI work must select and tolerate the CI pool, and a CI service
/// (<see cref="CiPlacement.ServiceLabel"/>) must select the system pool without the toleration.
/// </summary>
public sealed class CiPoolPlacementPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "ci-pool-placement";

    /// <inheritdoc />
    public string Description => "only CI pods tolerate and select the CI pool, and CI work runs nowhere else";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var (node, manifest) in KubernetesManifests.In(context.Graph))
        {
            foreach (var site in PodSpecs.Find(manifest))
            {
                foreach (var problem in Problems(site))
                {
                    yield return new Finding(Id, node.Path, $"{site.Path}: {problem}");
                }
            }
        }
    }

    private static IEnumerable<string> Problems(PodSpecSite site)
    {
        var tolerates = PoolPlacementChecks.Tolerates(site.Spec, PoolRole.Ci);
        var selected = PoolPlacementChecks.SelectedRoles(site.Spec);
        var where = site.Namespace is null ? "outside any namespace" : $"in namespace {site.Namespace}";
        if (site.Namespace is null || !Namespaces.CiNamespaces.Contains(site.Namespace))
        {
            if (tolerates)
            {
                yield return $"a {site.Kind} {where} tolerates the CI pool's taint; only CI pods may (node pods must never land on CI nodes)";
            }

            if (selected.Contains(PoolRole.Ci))
            {
                yield return $"a {site.Kind} {where} selects the CI pool; only CI pods may";
            }

            yield break;
        }

        var isService = site.Labels[CiPlacement.ServiceLabel] is JsonValue v && v.ToString() == "true";
        if (isService)
        {
            if (!selected.SetEquals([PoolRole.System]))
            {
                yield return $"a CI service {site.Kind} must select only the system pool ({PoolPlacement.RoleLabel}={PoolPlacement.RoleValue(PoolRole.System)}), so an idle CI pool can scale to zero";
            }

            if (tolerates)
            {
                yield return $"a CI service {site.Kind} tolerates the CI pool's taint; it belongs on the system pool";
            }

            yield break;
        }

        if (!selected.SetEquals([PoolRole.Ci]))
        {
            yield return $"CI work ({site.Kind}) must select only the CI pool ({PoolPlacement.RoleLabel}={PoolPlacement.RoleValue(PoolRole.Ci)}) in its nodeSelector";
        }

        if (!tolerates)
        {
            yield return $"CI work ({site.Kind}) does not tolerate the CI pool's taint, so it cannot run there";
        }
    }
}
