using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Scheduling;

namespace ZcashInfra.Components.Tekton;

/// <summary>
/// Deletes finished PipelineRuns (their TaskRuns and pods go with them) and standalone TaskRuns
/// beyond the newest N per pipeline or task, so runs do not pile up in etcd and the Dashboard. A
/// CronJob running kubectl under a service account that may only list and delete runs.
/// </summary>
internal static class RunPruner
{
    /// <summary>The pruner's name (service account, roles, CronJob).</summary>
    public const string Name = "tekton-run-pruner";

    /// <summary>
    /// Per namespace and kind: finished runs (completionTime set), oldest first, grouped by their
    /// pipeline or task label; every run with at least KEEP newer runs in its group is deleted.
    /// TaskRuns that belong to a PipelineRun are left to it. No "$(" appears: the kubelet would
    /// expand it as a variable reference.
    /// </summary>
    public const string Script = """
        set -eu
        for ns in $PRUNE_NAMESPACES; do
          for kind in pipelineruns taskruns; do
            selector='tekton.dev/pipeline'
            group='{.metadata.labels.tekton\.dev/pipeline}'
            if [ "$kind" = taskruns ]; then
              selector='!tekton.dev/pipelineRun'
              group='{.metadata.labels.tekton\.dev/task}'
            fi
            kubectl get "$kind" -n "$ns" -l "$selector" --sort-by=.metadata.creationTimestamp \
              -o jsonpath='{range .items[?(@.status.completionTime)]}group='"$group"' {.metadata.name}{"\n"}{end}' \
            | awk -v keep="$KEEP_RUNS" '
                { total[$1]++; group[NR] = $1; name[NR] = $2 }
                END { for (i = 1; i <= NR; i++) { seen[group[i]]++; if (total[group[i]] - seen[group[i]] >= keep) print name[i] } }' \
            | xargs -r kubectl delete "$kind" -n "$ns" --ignore-not-found
          done
        done
        """;

    /// <summary>What the script does with the API: <c>kubectl get</c> (a list) and <c>kubectl delete</c> of runs.</summary>
    public static ImmutableArray<KubernetesApiUse> ApiUses { get; } =
    [
        new("tekton.dev", "pipelineruns", ["list", "delete"]),
        new("tekton.dev", "taskruns", ["list", "delete"]),
    ];

    public static void Declare(GraphScope component, string name, TektonArgs args, ImmutableArray<string> dependsOn)
    {
        var home = args.RunNamespaces.IsEmpty ? throw new GraphException($"{name}: no namespace to prune runs in") : args.RunNamespaces[0];
        var options = new NodeOptions { DependsOn = dependsOn };
        var account = KubernetesObjects.Declare(component, $"{name}-pruner-account", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = KubernetesObjects.Metadata(Name, home, Name, name),
        }, args.Provider, options);

        var grants = new List<string> { account };
        foreach (var ns in args.RunNamespaces)
        {
            var role = KubernetesObjects.Declare(component, $"{name}-pruner-role-{ns}", new JsonObject
            {
                ["apiVersion"] = "rbac.authorization.k8s.io/v1",
                ["kind"] = "Role",
                ["metadata"] = KubernetesObjects.Metadata(Name, ns, Name, name),
                ["rules"] = KubernetesApiUse.Rules(ApiUses),
            }, args.Provider, options);
            grants.Add(KubernetesObjects.Declare(component, $"{name}-pruner-binding-{ns}", new JsonObject
            {
                ["apiVersion"] = "rbac.authorization.k8s.io/v1",
                ["kind"] = "RoleBinding",
                ["metadata"] = KubernetesObjects.Metadata(Name, ns, Name, name),
                ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Role", ["name"] = Name },
                ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = Name, ["namespace"] = home }),
            }, args.Provider, options with { DependsOn = [.. dependsOn, role] }));
        }

        var pod = CiPlacement.Service(new JsonObject
        {
            ["serviceAccountName"] = Name,
            ["restartPolicy"] = "Never",
            ["securityContext"] = PodSecurity.Pod(),
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "prune",
                ["image"] = args.Pruning.Image,
                ["command"] = new JsonArray("/bin/sh", "-c", Script),
                ["env"] = new JsonArray(
                    Env("PRUNE_NAMESPACES", string.Join(' ', args.RunNamespaces)),
                    Env("KEEP_RUNS", args.Pruning.KeepRuns.ToString(CultureInfo.InvariantCulture)),
                    Env("HOME", "/tmp")),
                ["resources"] = PodSecurity.Resources("50m", "128Mi"),
                ["securityContext"] = PodSecurity.Container(),
                ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "tmp", ["mountPath"] = "/tmp" }),
            }),
            ["volumes"] = new JsonArray(new JsonObject { ["name"] = "tmp", ["emptyDir"] = new JsonObject() }),
        });
        var template = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["labels"] = PodLabels(name),
                ["annotations"] = new JsonObject { [KubernetesApiUse.Annotation] = KubernetesApiUse.ToAnnotation(ApiUses) },
            },
            ["spec"] = pod,
        };
        KubernetesObjects.Declare(component, $"{name}-pruner", new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "CronJob",
            ["metadata"] = KubernetesObjects.Metadata(Name, home, Name, name),
            ["spec"] = new JsonObject
            {
                ["schedule"] = args.Pruning.Schedule,
                ["timeZone"] = CronSchedule.TimeZone,
                ["concurrencyPolicy"] = "Forbid",
                ["successfulJobsHistoryLimit"] = 1,
                ["failedJobsHistoryLimit"] = 3,
                ["jobTemplate"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["backoffLimit"] = 1,
                        ["activeDeadlineSeconds"] = 900,
                        ["ttlSecondsAfterFinished"] = 86400,
                        ["template"] = template,
                    },
                },
            },
        }, args.Provider, options with { DependsOn = [.. dependsOn, .. grants] });
    }

    private static JsonObject PodLabels(string instance)
    {
        var labels = new JsonObject
        {
            [RecommendedLabels.Name] = Name,
            [RecommendedLabels.Instance] = instance,
        };
        foreach (var (key, value) in CiPlacement.ServiceLabels)
        {
            labels[key] = value;
        }

        return labels;
    }

    private static JsonObject Env(string name, string value) => new() { ["name"] = name, ["value"] = value };
}
