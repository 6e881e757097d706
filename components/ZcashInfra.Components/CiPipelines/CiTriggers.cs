using System.Globalization;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.Zcash;
using static ZcashInfra.Components.CiPipelines.TektonSpec;

namespace ZcashInfra.Components.CiPipelines;

/// <summary>
/// GitHub webhooks → PipelineRuns: one EventListener, signature-checked with the GitHub interceptor
/// against a Secret, filtered per repository with CEL; TriggerBindings read the payloads and
/// TriggerTemplates create the runs, placed on the CI pool with restricted pod security.
/// </summary>
internal static class CiTriggers
{
    /// <summary>The EventListener (its Service is <c>el-</c> + this name, port 8080).</summary>
    public const string ListenerName = "zcash-github";

    /// <summary>The EventListener Service's port.</summary>
    public const int ListenerPort = 8080;

    /// <summary>The listener's service account.</summary>
    public const string ListenerAccount = "zcash-ci-triggers";

    /// <summary>The service account task pods of the node pipeline run as (no token mounted: tasks need no API access).</summary>
    public const string RunnerAccount = "zcash-ci-runner";

    /// <summary>The service account of image builds.</summary>
    public const string ImageBuilderAccount = "zcash-ci-image-builder";

    /// <summary>The cache volume claim.</summary>
    public const string CacheClaim = "zcash-ci-build-cache";

    /// <summary>Binding of push events.</summary>
    public const string PushBinding = "github-push";

    /// <summary>Binding of pull-request events.</summary>
    public const string PullRequestBinding = "github-pull-request";

    /// <summary>Reads a push payload.</summary>
    public static JsonObject PushBindingObject(string ns, string instance) => Binding(PushBinding, ns, instance,
        (CiNames.RepoUrl, "$(body.repository.clone_url)"),
        (CiNames.Revision, "$(body.after)"));

    /// <summary>Reads a pull-request payload: the head commit, from the head repository.</summary>
    public static JsonObject PullRequestBindingObject(string ns, string instance) => Binding(PullRequestBinding, ns, instance,
        (CiNames.RepoUrl, "$(body.pull_request.head.repo.clone_url)"),
        (CiNames.Revision, "$(body.pull_request.head.sha)"));

    /// <summary>Creates a node pipeline run: a fresh volume per run, the shared cache, the CI pool, restricted pods.</summary>
    public static JsonObject NodeTemplate(string ns, string instance, CiPipelinesArgs args)
    {
        var run = Object(PipelinesApi, "PipelineRun", RunMetadata(), new JsonObject
        {
            ["pipelineRef"] = new JsonObject { ["name"] = CiNames.NodePipeline },
            ["params"] = new JsonArray(
                Value(CiNames.RepoUrl, $"$(tt.params.{CiNames.RepoUrl})"),
                Value(CiNames.Revision, $"$(tt.params.{CiNames.Revision})"),
                Value(CiNames.RepoName, $"$(tt.params.{CiNames.RepoName})"),
                Value(CiNames.Implementation, $"$(tt.params.{CiNames.Implementation})"),
                Value(CiNames.BuilderImage, $"$(tt.params.{CiNames.BuilderImage})"),
                Value(CiNames.AgentImage, args.AgentImage),
                Value(CiNames.SnapshotIndex, $"$(tt.params.{CiNames.SnapshotIndex})"),
                Value(CiNames.SnapshotHeight, args.Integration.Height?.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
                Value(CiNames.Network, args.Integration.Network.ToString().ToLowerInvariant()),
                Value(CiNames.DbMajor, $"$(tt.params.{CiNames.DbMajor})"),
                Value(CiNames.StateSubdir, $"$(tt.params.{CiNames.StateSubdir})"),
                Value(CiNames.RpcTestCommand, args.Integration.RpcTestCommand)),
            ["workspaces"] = NodeWorkspaces(args),
            ["taskRunTemplate"] = new JsonObject
            {
                ["serviceAccountName"] = RunnerAccount,
                ["podTemplate"] = RunPodTemplate(PodSecurity.Pod(PodSecurity.NonRootUser, fsGroup: PodSecurity.NonRootUser)),
            },
            ["timeouts"] = new JsonObject { ["pipeline"] = "4h" },
        });
        return Template(CiNames.NodePipeline, ns, instance, run,
            TriggerParam(CiNames.RepoUrl, "Clone URL."),
            TriggerParam(CiNames.Revision, "Commit."),
            TriggerParam(CiNames.RepoName, "Short repository name."),
            TriggerParam(CiNames.Implementation, "zebrad or zcashd."),
            TriggerParam(CiNames.BuilderImage, "The toolchain image."),
            TriggerParam(CiNames.SnapshotIndex, "snapshots.json for the integration node; empty skips it.", string.Empty),
            TriggerParam(CiNames.DbMajor, "Database major version of the built node.", "0"),
            TriggerParam(CiNames.StateSubdir, "The node's network directory below its data directory.", string.Empty));
    }

    /// <summary>A node run's volumes: its own, and the shared cache when the cache is ReadWriteMany.</summary>
    private static JsonArray NodeWorkspaces(CiPipelinesArgs args)
    {
        var workspaces = new JsonArray(new JsonObject
        {
            ["name"] = CiNames.Source,
            ["volumeClaimTemplate"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["accessModes"] = new JsonArray("ReadWriteOnce"),
                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = args.WorkspaceSize } },
                },
            },
        });
        if (args.Cache.Shared)
        {
            workspaces.Add(new JsonObject
            {
                ["name"] = CiNames.Cache,
                ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = CacheClaim },
            });
        }

        return workspaces;
    }

    /// <summary>
    /// Creates an agent image run in the image namespace (baseline): the pod is not restricted at
    /// pod level because kaniko runs as root; every other step is restricted in its own context.
    /// </summary>
    public static JsonObject ImageTemplate(string ns, string imagesNamespace, string instance, CiPipelinesArgs args) =>
        Template(CiNames.ImagePipeline, ns, instance,
            [
                ImageRun(imagesNamespace, $"{SnapshotAgentImage.Repository(args.AgentImage)}:$(tt.params.{CiNames.ImageTag})", CiPipelinesArgs.AgentDockerfile, "."),

                // The Zebra builder beside it, tagged with its Rust version (the same content on every push).
                ImageRun(imagesNamespace, ZebraBuilder.Image(args.AgentImage), ZebraBuilder.Dockerfile, ZebraBuilder.Context),
            ],
            TriggerParam(CiNames.RepoUrl, "Clone URL."),
            TriggerParam(CiNames.Revision, "Commit."),
            TriggerParam(CiNames.RepoName, "Short repository name."),
            TriggerParam(CiNames.ImageTag, "Tag to push: the git tag for tag pushes, else the commit."));

    private static JsonObject ImageRun(string imagesNamespace, string image, string dockerfile, string context)
    {
        var metadata = RunMetadata();
        metadata["namespace"] = imagesNamespace;
        var podSecurity = new JsonObject { ["fsGroup"] = PodSecurity.NonRootUser, ["seccompProfile"] = PodSecurity.Seccomp() };
        return Object(PipelinesApi, "PipelineRun", metadata, new JsonObject
        {
            ["pipelineRef"] = new JsonObject { ["name"] = CiNames.ImagePipeline },
            ["params"] = new JsonArray(
                Value(CiNames.RepoUrl, $"$(tt.params.{CiNames.RepoUrl})"),
                Value(CiNames.Revision, $"$(tt.params.{CiNames.Revision})"),
                Value(CiNames.Image, image),
                Value(CiNames.Dockerfile, dockerfile),
                Value(CiNames.Context, context)),
            ["workspaces"] = new JsonArray(new JsonObject
            {
                ["name"] = CiNames.Source,
                ["volumeClaimTemplate"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["accessModes"] = new JsonArray("ReadWriteOnce"),
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = CiPipelinesArgs.ImageWorkspaceSize } },
                    },
                },
            }),
            ["taskRunTemplate"] = new JsonObject
            {
                ["serviceAccountName"] = ImageBuilderAccount,
                ["podTemplate"] = RunPodTemplate(podSecurity),
            },
            ["timeouts"] = new JsonObject { ["pipeline"] = "1h" },
        });
    }

    /// <summary>The EventListener: a push trigger per repository, and a pull-request trigger per node repository.</summary>
    /// <summary>
    /// What the listener does with the API beyond Triggers' own ClusterRoles (installed with
    /// Triggers, bound by <see cref="CiPipelinesComponent"/>): it creates the image pipeline's runs in the
    /// image namespace.
    /// </summary>
    public static System.Collections.Immutable.ImmutableArray<KubernetesApiUse> ListenerApiUses { get; } =
        [new("tekton.dev", "pipelineruns", ["create"])];

    public static JsonObject Listener(string ns, string instance, CiPipelinesArgs args)
    {
        var triggers = new JsonArray();
        foreach (var repository in args.Repositories)
        {
            if (repository.Build is CiBuild.SnapshotAgent or CiBuild.Preview && args.Preview is { } preview)
            {
                // Pull requests of this project run the preview pipeline (the diff, and pulumi preview
                // for the repository's own branches); forks only when fork pull requests are allowed.
                triggers.Add(Trigger($"{repository.Name}-preview", args, "pull_request", PullRequestFilter(repository, args),
                    overlays: null, bindings: [Ref(preview.TriggerBinding)], template: preview.TriggerTemplate));
            }

            if (repository.Build == CiBuild.Preview)
            {
                continue;
            }

            if (repository.Build == CiBuild.SnapshotAgent)
            {
                // The default branch and version tags publish images; other branches do not.
                triggers.Add(Trigger($"{repository.Name}-push", args, "push",
                    $"{SameRepository(repository)} && !body.deleted && (body.ref == 'refs/heads/' + body.repository.default_branch || body.ref.startsWith('refs/tags/v'))",
                    overlays: new JsonArray(new JsonObject
                    {
                        ["key"] = "image_tag",
                        ["expression"] = "body.ref.startsWith('refs/tags/') ? body.ref.split('/')[2] : body.after",
                    }),
                    bindings: [Ref(PushBinding), Value(CiNames.RepoName, repository.Name), Value(CiNames.ImageTag, "$(extensions.image_tag)")],
                    template: CiNames.ImagePipeline));
                continue;
            }

            var bindings = NodeBindings(repository, args);
            triggers.Add(Trigger($"{repository.Name}-push", args, "push", $"{SameRepository(repository)} && !body.deleted",
                overlays: null, bindings: [Ref(PushBinding), .. bindings], template: CiNames.NodePipeline));

            triggers.Add(Trigger($"{repository.Name}-pull-request", args, "pull_request", PullRequestFilter(repository, args),
                overlays: null, bindings: [Ref(PullRequestBinding), .. bindings.Select(b => b.DeepClone().AsObject())], template: CiNames.NodePipeline));
        }

        var security = PodSecurity.Container();
        var labels = new JsonObject();
        foreach (var (key, value) in CiPlacement.ServiceLabels)
        {
            labels[key] = value;
        }

        var metadata = KubernetesObjects.Metadata(ListenerName, ns, ListenerName, instance);
        metadata["annotations"] = new JsonObject { [KubernetesApiUse.Annotation] = KubernetesApiUse.ToAnnotation(ListenerApiUses) };
        return Object(TriggersApi, "EventListener", metadata, new JsonObject
        {
            ["serviceAccountName"] = ListenerAccount,
            ["triggers"] = triggers,
            ["resources"] = new JsonObject
            {
                ["kubernetesResource"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["template"] = new JsonObject
                        {
                            ["metadata"] = new JsonObject { ["labels"] = labels },
                            ["spec"] = CiPlacement.Service(new JsonObject
                            {
                                ["securityContext"] = PodSecurity.Pod(),
                                ["containers"] = new JsonArray(new JsonObject
                                {
                                    ["resources"] = PodSecurity.Resources("50m", "128Mi"),
                                    ["securityContext"] = security,
                                }),
                            }),
                        },
                    },
                },
            },
        });
    }

    /// <summary>The network directory zcashd keeps below its data directory; zebrad's cache_dir is the state directory itself.</summary>
    public static string StateSubdir(CiBuild build, Network network) => build != CiBuild.Zcashd ? string.Empty : network switch
    {
        Network.Mainnet => string.Empty,
        Network.Testnet => "testnet3",
        Network.Regtest => "regtest",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "unknown network"),
    };

    private static List<JsonObject> NodeBindings(CiRepository repository, CiPipelinesArgs args)
    {
        var (implementation, builder, index, dbMajor) = repository.Build switch
        {
            CiBuild.Zebrad => ("zebrad", args.ZebradBuilder, args.Integration.ZebradIndex, (int?)args.Integration.ZebradDbMajor),
            CiBuild.Zcashd => ("zcashd", args.ZcashdBuilder, args.Integration.ZcashdIndex, args.Integration.ZcashdDbMajor),
            _ => throw new ArgumentOutOfRangeException(nameof(repository), repository.Build, "not a node repository"),
        };
        return
        [
            Value(CiNames.RepoName, repository.Name),
            Value(CiNames.Implementation, implementation),
            Value(CiNames.BuilderImage, builder),
            Value(CiNames.SnapshotIndex, index ?? string.Empty),
            Value(CiNames.DbMajor, (dbMajor ?? 0).ToString(CultureInfo.InvariantCulture)),
            Value(CiNames.StateSubdir, StateSubdir(repository.Build, args.Integration.Network)),
        ];
    }

    private static string PullRequestFilter(CiRepository repository, CiPipelinesArgs args)
    {
        var pullRequests = $"{SameRepository(repository)} && body.action in ['opened', 'synchronize', 'reopened']";
        if (!args.ForkPullRequests)
        {
            // A fork's head is untrusted code; only branches of the repository itself run.
            pullRequests += " && body.pull_request.head.repo.full_name == body.repository.full_name";
        }

        return pullRequests;
    }

    private static string SameRepository(CiRepository repository) => $"body.repository.full_name == '{repository.FullName}'";

    private static JsonObject Trigger(string name, CiPipelinesArgs args, string eventType, string filter, JsonArray? overlays, JsonObject[] bindings, string template)
    {
        var cel = new JsonArray(new JsonObject { ["name"] = "filter", ["value"] = filter });
        if (overlays is not null)
        {
            cel.Add(new JsonObject { ["name"] = "overlays", ["value"] = overlays });
        }

        return new JsonObject
        {
            ["name"] = name,
            ["interceptors"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = "verify-github-signature",
                    ["ref"] = new JsonObject { ["name"] = "github", ["kind"] = "ClusterInterceptor" },
                    ["params"] = new JsonArray(
                        new JsonObject
                        {
                            ["name"] = "secretRef",
                            ["value"] = new JsonObject { ["secretName"] = args.WebhookSecret.Name, ["secretKey"] = args.WebhookSecret.Key },
                        },
                        new JsonObject { ["name"] = "eventTypes", ["value"] = new JsonArray(eventType) }),
                },
                new JsonObject
                {
                    ["name"] = "filter",
                    ["ref"] = new JsonObject { ["name"] = "cel", ["kind"] = "ClusterInterceptor" },
                    ["params"] = cel,
                }),
            ["bindings"] = new JsonArray([.. bindings]),
            ["template"] = new JsonObject { ["ref"] = template },
        };
    }

    private static JsonObject Ref(string binding) => new() { ["ref"] = binding, ["kind"] = "TriggerBinding" };

    private static JsonObject RunMetadata() => new()
    {
        ["generateName"] = $"$(tt.params.{CiNames.RepoName})-",
        ["labels"] = new JsonObject
        {
            [RecommendedLabels.PartOf] = "zcash-ci",
            ["zcash-infra/repository"] = $"$(tt.params.{CiNames.RepoName})",
        },
    };

    /// <summary>Every task pod of a run: the CI pool, the given pod security, no API token, no service links.</summary>
    private static JsonObject RunPodTemplate(JsonObject securityContext) => CiPlacement.Work(new JsonObject
    {
        ["securityContext"] = securityContext,
        ["automountServiceAccountToken"] = false,
        ["enableServiceLinks"] = false,
    });

    private static JsonObject Binding(string name, string ns, string instance, params (string Name, string Value)[] values) =>
        Object(TriggersApi, "TriggerBinding", KubernetesObjects.Metadata(name, ns, name, instance), new JsonObject
        {
            ["params"] = new JsonArray([.. values.Select(v => (JsonNode)Value(v.Name, v.Value))]),
        });

    /// <summary>
    /// A TriggerTemplate parameter: Triggers' <c>ParamSpec</c> has only name, description and default
    /// (tektoncd/triggers <c>pkg/apis/triggers/v1beta1/param.go</c>); its webhook rejects a <c>type</c>.
    /// </summary>
    private static JsonObject TriggerParam(string name, string description, string? @default = null)
    {
        var param = new JsonObject { ["name"] = name, ["description"] = description };
        if (@default is not null)
        {
            param["default"] = @default;
        }

        return param;
    }

    private static JsonObject Template(string name, string ns, string instance, JsonObject run, params JsonObject[] @params) =>
        Template(name, ns, instance, [run], @params);

    private static JsonObject Template(string name, string ns, string instance, JsonObject[] runs, params JsonObject[] @params) =>
        Object(TriggersApi, "TriggerTemplate", KubernetesObjects.Metadata(name, ns, name, instance), new JsonObject
        {
            ["params"] = new JsonArray([.. @params]),
            ["resourcetemplates"] = new JsonArray([.. runs]),
        });
}
