using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.CiPipelines;

/// <summary>
/// The Zcash CI on Tekton: Tasks and Pipelines that build and test zebrad and zcashd at a commit
/// (with a node seeded from a snapshot at a chosen height under RPC tests), the pipeline that
/// builds and pushes the snapshot agent's image, and the GitHub webhook triggers that start them.
/// </summary>
public static class CiPipelinesComponent
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:CiPipelines";

    /// <summary>Triggers' ClusterRole for what a listener does in its namespace (read triggers, create runs).</summary>
    public const string ListenerNamespaceRole = "tekton-triggers-eventlistener-roles";

    /// <summary>Triggers' ClusterRole for the cluster-scoped objects a listener reads (cluster interceptors and bindings).</summary>
    public const string ListenerClusterRole = "tekton-triggers-eventlistener-clusterroles";

    /// <summary>Declares the pipelines under <paramref name="scope"/>.</summary>
    public static CiPipelinesOutputs Declare(GraphScope scope, string name, CiPipelinesArgs args)
    {
        var component = scope.Component(Type, name);
        var ns = Namespaces.Ci;
        var options = new NodeOptions { DependsOn = args.DependsOn };
        string K8s(string logical, JsonObject manifest, NodeOptions? o = null) =>
            KubernetesObjects.Declare(component, $"{name}-{logical}", manifest, args.Provider, o ?? options);

        var ready = new List<string>
        {
            K8s("runner-account", ServiceAccount(CiTriggers.RunnerAccount, ns, name, automountToken: false)),
            K8s("task-checkout", CiTasks.Checkout(ns, name, args.Images, withCache: false)),
            K8s("task-build", CiTasks.Build(ns, name, args.BuildResources)),
            K8s("task-unit-tests", CiTasks.UnitTests(ns, name, args.BuildResources)),
            K8s("task-resolve", CiTasks.Resolve(ns, name, args.Images)),
            K8s("task-integration", CiTasks.Integration(ns, name, args.Images, args.Integration)),
            K8s("pipeline-node", CiPipelineDefinitions.Node(ns, name)),
            K8s("binding-push", CiTriggers.PushBindingObject(ns, name)),
            K8s("binding-pull-request", CiTriggers.PullRequestBindingObject(ns, name)),
            K8s("template-node", CiTriggers.NodeTemplate(ns, name, args)),
        };

        if (args.Cache.Shared)
        {
            ready.Add(K8s("cache", CacheClaim(ns, name, args.Cache), options with { Protect = args.ProtectState, RetainOnDelete = args.ProtectState }));
        }

        var listenerAccount = K8s("listener-account", ServiceAccount(CiTriggers.ListenerAccount, ns, name, automountToken: true));
        ready.Add(listenerAccount);
        ready.Add(K8s("listener-binding", RoleBinding(CiTriggers.ListenerAccount, ns, ns, "ClusterRole", ListenerNamespaceRole, name),
            options with { DependsOn = [.. args.DependsOn, listenerAccount] }));
        ready.Add(K8s("listener-cluster-binding", ClusterRoleBinding(CiTriggers.ListenerAccount, ns, ListenerClusterRole, name),
            options with { DependsOn = [.. args.DependsOn, listenerAccount] }));

        string? imagePipeline = null;
        if (args.Repositories.Any(r => r.Build == CiBuild.SnapshotAgent))
        {
            var images = Namespaces.CiImages;
            imagePipeline = CiNames.ImagePipeline;
            ready.Add(K8s("images-builder-account", ServiceAccount(CiTriggers.ImageBuilderAccount, images, name, automountToken: false)));
            ready.Add(K8s("images-task-checkout", CiTasks.Checkout(images, name, args.Images, withCache: false)));
            ready.Add(K8s("images-task-build", CiTasks.ImageBuild(images, name, args.Images, args.RegistrySecret, args.ImageBuildResources)));
            ready.Add(K8s("images-pipeline", CiPipelineDefinitions.Image(images, name)));

            // The listener creates image runs in the image namespace, and may do nothing else there.
            var role = K8s("images-listener-role", new JsonObject
            {
                ["apiVersion"] = "rbac.authorization.k8s.io/v1",
                ["kind"] = "Role",
                ["metadata"] = KubernetesObjects.Metadata(CiTriggers.ListenerAccount, images, CiTriggers.ListenerAccount, name),
                ["rules"] = KubernetesApiUse.Rules(CiTriggers.ListenerApiUses),
            });
            ready.Add(K8s("images-listener-binding", RoleBinding(CiTriggers.ListenerAccount, ns, images, "Role", CiTriggers.ListenerAccount, name),
                options with { DependsOn = [.. args.DependsOn, listenerAccount, role] }));
            ready.Add(K8s("template-image", CiTriggers.ImageTemplate(ns, images, name, args)));
        }

        var listener = K8s("listener", CiTriggers.Listener(ns, name, args), options with { DependsOn = [.. args.DependsOn, .. ready] });
        var webhookService = $"el-{CiTriggers.ListenerName}";
        if (args.WebhookIngress is { } ingress)
        {
            K8s("webhook-ingress", Ingresses.For(webhookService, ns, webhookService, CiTriggers.ListenerPort, ingress, CiTriggers.ListenerName, name),
                options with { DependsOn = [.. args.DependsOn, listener] });
        }

        var outputs = new CiPipelinesOutputs(component.Path!, $"{ns}/{webhookService}", CiNames.NodePipeline, imagePipeline);
        component.Output("webhookService", outputs.WebhookService);
        component.Output("nodePipeline", outputs.NodePipeline);
        component.Output("imagePipeline", outputs.ImagePipeline);
        return outputs;
    }

    private static JsonObject ServiceAccount(string name, string ns, string instance, bool automountToken) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ServiceAccount",
        ["metadata"] = KubernetesObjects.Metadata(name, ns, name, instance),
        ["automountServiceAccountToken"] = automountToken,
    };

    private static JsonObject CacheClaim(string ns, string instance, BuildCacheArgs cache)
    {
        var spec = new JsonObject
        {
            ["accessModes"] = new JsonArray(cache.AccessMode),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = cache.Size } },
        };
        if (cache.StorageClass is { } storageClass)
        {
            spec["storageClassName"] = storageClass;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolumeClaim",
            ["metadata"] = KubernetesObjects.Metadata(CiTriggers.CacheClaim, ns, CiTriggers.CacheClaim, instance),
            ["spec"] = spec,
        };
    }

    private static JsonObject RoleBinding(string account, string accountNamespace, string ns, string roleKind, string role, string instance) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "RoleBinding",
        ["metadata"] = KubernetesObjects.Metadata(account, ns, account, instance),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = roleKind, ["name"] = role },
        ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = account, ["namespace"] = accountNamespace }),
    };

    private static JsonObject ClusterRoleBinding(string account, string accountNamespace, string role, string instance) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = KubernetesObjects.Metadata(account, null, account, instance),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role },
        ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = account, ["namespace"] = accountNamespace }),
    };
}
