using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.Tekton;

/// <summary>
/// Tekton Pipelines, Triggers (with its core interceptors) and the Dashboard, installed from their
/// official release manifests at pinned versions as provider-side <c>ConfigFile</c> components, in
/// that order; the feature flags this project's runs need; and the pruning of old runs.
/// </summary>
public static class TektonComponent
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:Tekton";

    /// <summary>The provider-side component that applies a manifest file or URL.</summary>
    public const string ConfigFile = "kubernetes:yaml/v2:ConfigFile";

    /// <summary>Pipelines' feature-flags ConfigMap (created by the release manifest).</summary>
    public const string FeatureFlagsConfigMap = "feature-flags";

    /// <summary>
    /// The environment every <c>pulumi up</c> of a stack with Tekton needs: server-side apply with
    /// force for every object. The feature-flags patch takes its keys with force; without this, the
    /// release ConfigFile re-applied by an upgrade (without force: pulumi-kubernetes
    /// <c>provider/pkg/await/await.go</c> <c>patchForce</c> forces only on the
    /// <c>pulumi.com/patchForce</c> annotation, which the release's objects lack, or this variable)
    /// conflicts with the patch's field manager and the upgrade fails. With it, the release takes
    /// the keys back and the patch, which depends on the release and changes with it
    /// (<see cref="PatchedReleaseAnnotation"/>), forces them again right after.
    /// </summary>
    public static readonly (string Name, string Value) ForceApplyEnvironment = ("PULUMI_K8S_ENABLE_PATCH_FORCE", "true");

    /// <summary>Annotation on the feature-flags patch naming the Pipelines release it was applied over.</summary>
    public const string PatchedReleaseAnnotation = "zcash-infra/tekton-pipelines-release";

    /// <summary>
    /// The feature flags this project sets over the release's defaults:
    /// <list type="bullet">
    /// <item><c>set-security-context</c>: Tekton's injected init containers and affinity assistants get a
    /// restricted security context; without it the CI namespace (restricted Pod Security) rejects every
    /// TaskRun pod.</item>
    /// <item><c>coschedule: disabled</c>: no affinity assistant. Its pods pin every task of a run to one
    /// node, which the cluster autoscaler cannot grow, and can strand a run's volume in another zone.
    /// The pipelines run their tasks one after another, so nothing needs co-scheduling.</item>
    /// </list>
    /// </summary>
    public static IReadOnlyDictionary<string, string> FeatureFlags { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["coschedule"] = "disabled",
        ["set-security-context"] = "true",
    };

    /// <summary>Declares the install under <paramref name="scope"/>.</summary>
    public static TektonOutputs Declare(GraphScope scope, string name, TektonArgs args)
    {
        var component = scope.Component(Type, name);
        var provider = new NodeOptions { Provider = args.Provider };

        var pipelines = Release(component, $"{name}-pipelines", TektonReleases.Pipelines(args.PipelinesVersion), provider with { DependsOn = args.DependsOn });
        var flags = KubernetesObjects.DeclarePatch(component, $"{name}-feature-flags", FeatureFlagsPatch(args.PipelinesVersion), args.Provider,
            new NodeOptions { DependsOn = [pipelines] });
        var triggers = Release(component, $"{name}-triggers", TektonReleases.Triggers(args.TriggersVersion), provider with { DependsOn = [pipelines] });
        var interceptors = Release(component, $"{name}-interceptors", TektonReleases.Interceptors(args.TriggersVersion), provider with { DependsOn = [triggers] });

        string? dashboardService = null;
        if (args.DashboardVersion is { } dashboardVersion)
        {
            var dashboard = Release(component, $"{name}-dashboard", TektonReleases.Dashboard(dashboardVersion), provider with { DependsOn = [triggers, interceptors] });
            dashboardService = $"{TektonReleases.Namespace}/{TektonReleases.DashboardService}";
            if (args.DashboardIngress is { } ingress)
            {
                KubernetesObjects.Declare(component, $"{name}-dashboard-ingress",
                    Ingresses.For(TektonReleases.DashboardService, TektonReleases.Namespace, TektonReleases.DashboardService, TektonReleases.DashboardPort, ingress, "tekton-dashboard", name),
                    args.Provider, new NodeOptions { DependsOn = [dashboard] });
            }
        }

        RunPruner.Declare(component, name, args, [pipelines, .. args.NamespacePaths]);

        component.Output("pipelinesVersion", args.PipelinesVersion);
        component.Output("triggersVersion", args.TriggersVersion);
        component.Output("dashboardService", dashboardService);
        return new TektonOutputs(component.Path!, pipelines, flags, triggers, interceptors, dashboardService);
    }

    private static string Release(GraphScope component, string name, string url, NodeOptions options) =>
        component.RemoteComponent(ConfigFile, name, new JsonObject { ["file"] = url }, options);

    /// <summary>
    /// The patch over the release's feature-flags ConfigMap. It names the release it was applied
    /// over, so an upgrade (which re-applies the release's ConfigMap with its defaults) changes the
    /// patch too and Pulumi applies it again after the new release.
    /// </summary>
    private static JsonObject FeatureFlagsPatch(string pipelinesVersion)
    {
        // Only the fields this program sets: the labels stay the release's.
        var metadata = new JsonObject
        {
            ["name"] = FeatureFlagsConfigMap,
            ["namespace"] = TektonReleases.Namespace,
            ["annotations"] = new JsonObject { [PatchedReleaseAnnotation] = pipelinesVersion },
        };
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = metadata,
            ["data"] = new JsonObject([.. FeatureFlags.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
        };
    }
}
