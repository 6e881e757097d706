using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;

namespace ZcashInfra.Components.PreviewPipeline;

/// <summary>
/// The Tekton counterpart of the GitHub preview workflow: for a pull request, a Pipeline runs the
/// credential-free <c>diff</c> of every stack against the base commit and, only when the pull
/// request comes from the repository itself (not a fork), <c>pulumi preview --diff</c> for this
/// stack. A TriggerBinding reads a GitHub <c>pull_request</c> event and a TriggerTemplate starts the
/// run on the CI pool (<see cref="PoolPlacement"/>), as a non-root user under the restricted Pod
/// Security Standard. The diff runs the pull request's code, so its service account has no API
/// token and its task sees no secret; only the preview task gets the Pulumi token and the
/// <c>…-pulumi</c> service account an operator binds to a cloud identity.
/// </summary>
public static class PreviewPipelineComponent
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:PreviewPipeline";

    /// <summary>The Pipeline (and TriggerTemplate) name.</summary>
    public const string PipelineName = "zcash-infra-preview";

    /// <summary>The diff Task.</summary>
    public const string DiffTaskName = "zcash-infra-diff";

    /// <summary>The pulumi preview Task.</summary>
    public const string PreviewTaskName = "zcash-infra-pulumi-preview";

    /// <summary>Service account of the diff task: no token, no permissions.</summary>
    public const string DiffServiceAccount = "zcash-infra-preview-diff";

    /// <summary>Service account of the preview task, for an operator to bind to cloud and cluster read access.</summary>
    public const string PulumiServiceAccount = "zcash-infra-preview-pulumi";

    /// <summary>The TriggerBinding for GitHub <c>pull_request</c> events.</summary>
    public const string TriggerBindingName = "zcash-infra-preview-github-pull-request";

    /// <summary>Pipeline parameters, named once for the binding, the template, the pipeline and the tasks.</summary>
    public static class Params
    {
        /// <summary>Clone URL of the repository the pull request targets (it also serves the PR's commits).</summary>
        public const string RepoUrl = "repo-url";

        /// <summary>The pull request's head commit.</summary>
        public const string Revision = "revision";

        /// <summary>The commit the pull request is compared with.</summary>
        public const string BaseRevision = "base-revision";

        /// <summary><c>owner/name</c> of the repository the head commit comes from.</summary>
        public const string HeadRepo = "head-repo";

        /// <summary><c>owner/name</c> of the repository the pull request targets.</summary>
        public const string BaseRepo = "base-repo";

        /// <summary>The stack <c>pulumi preview</c> runs for.</summary>
        public const string Stack = "stack";
    }

    private const string Component = "zcash-infra-preview";
    private const string DiffTask = "diff";
    private const string PreviewTask = "preview";
    private const string Reports = "reports";
    private const string WorkVolume = "work";

    /// <summary>Declares the pipeline objects under <paramref name="scope"/>.</summary>
    public static PreviewPipelineOutputs Declare(GraphScope scope, string name, PreviewPipelineArgs args)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(args);
        var component = scope.Component(Type, name);
        var options = new NodeOptions { DependsOn = args.DependsOn };
        JsonObject Metadata(string objectName) => KubernetesObjects.Metadata(objectName, args.Namespace, Component, objectName);

        var diffAccount = KubernetesObjects.Declare(component, $"{name}-diff-serviceaccount", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = Metadata(DiffServiceAccount),

            // The diff builds and runs the pull request's code: it gets no way to talk to the API server.
            ["automountServiceAccountToken"] = false,
        }, args.Provider, options);
        var pulumiAccount = KubernetesObjects.Declare(component, $"{name}-pulumi-serviceaccount", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = Metadata(PulumiServiceAccount),
        }, args.Provider, options);

        var diffTask = KubernetesObjects.Declare(component, $"{name}-diff-task", Task(args, DiffTaskName,
            "Diff every stack's desired state against the base commit, offline and without credentials; writes diff.md (the PR comment) into the reports workspace when bound.",
            [Params.RepoUrl, Params.Revision, Params.BaseRevision],
            [Step("checkout", PreviewSteps.Checkout), Step("diff", PreviewSteps.Diff, Env("REPORTS_BOUND", $"$(workspaces.{Reports}.bound)"), Env("REPORTS_PATH", $"$(workspaces.{Reports}.path)"))],
            reports: true), args.Provider, options);
        var previewTask = KubernetesObjects.Declare(component, $"{name}-preview-task", Task(args, PreviewTaskName,
            "pulumi preview --diff for one stack, with the Pulumi CLI pinned in .pulumi.version. Needs credentials: run it only for trusted pull requests.",
            [Params.RepoUrl, Params.Revision, Params.Stack],
            [Step("checkout", PreviewSteps.Checkout), Step("preview", PreviewSteps.Preview, SecretEnv("PULUMI_ACCESS_TOKEN", args.PulumiTokenSecret, "token"))],
            reports: false), args.Provider, options);

        var pipeline = KubernetesObjects.Declare(component, $"{name}-pipeline", Pipeline(args), args.Provider,
            options with { DependsOn = [.. args.DependsOn, diffTask, previewTask] });
        KubernetesObjects.Declare(component, $"{name}-trigger-binding", TriggerBinding(args), args.Provider, options);
        KubernetesObjects.Declare(component, $"{name}-trigger-template", TriggerTemplate(args), args.Provider,
            options with { DependsOn = [.. args.DependsOn, pipeline, diffAccount, pulumiAccount] });

        component.Output("pipeline", PipelineName);
        component.Output("triggerBinding", TriggerBindingName);
        component.Output("triggerTemplate", PipelineName);
        return new PreviewPipelineOutputs(component.Path!, PipelineName, TriggerBindingName, PipelineName);
    }

    /// <summary>The PipelineRun the TriggerTemplate creates (also what a manual run looks like).</summary>
    public static JsonObject PipelineRun(PreviewPipelineArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new JsonObject
        {
            ["apiVersion"] = "tekton.dev/v1",
            ["kind"] = "PipelineRun",
            ["metadata"] = new JsonObject
            {
                ["generateName"] = PipelineName + "-",
                ["namespace"] = args.Namespace,
                ["labels"] = new JsonObject { [RecommendedLabels.Name] = Component, [RecommendedLabels.ManagedBy] = KubernetesObjects.ManagedBy },
            },
            ["spec"] = new JsonObject
            {
                ["pipelineRef"] = new JsonObject { ["name"] = PipelineName },
                ["params"] = new JsonArray([.. TriggerParams.Select(p => (JsonNode)new JsonObject { ["name"] = p, ["value"] = $"$(tt.params.{p})" })]),
                ["timeouts"] = new JsonObject { ["pipeline"] = "1h0m0s" },
                ["taskRunTemplate"] = new JsonObject
                {
                    ["serviceAccountName"] = DiffServiceAccount,
                    ["podTemplate"] = new JsonObject
                    {
                        ["nodeSelector"] = PoolPlacement.NodeSelector(PoolRole.Ci),
                        ["tolerations"] = PoolPlacement.Tolerations(PoolRole.Ci),
                        ["securityContext"] = PodSecurity.Pod(PreviewSteps.SdkUserId, fsGroup: PreviewSteps.SdkUserId),
                    },
                },
                ["taskRunSpecs"] = new JsonArray(new JsonObject
                {
                    ["pipelineTaskName"] = PreviewTask,
                    ["serviceAccountName"] = PulumiServiceAccount,
                }),
            },
        };
    }

    // Everything the event supplies; the stack is the pipeline's own default.
    private static readonly string[] TriggerParams = [Params.RepoUrl, Params.Revision, Params.BaseRevision, Params.HeadRepo, Params.BaseRepo];

    private static JsonObject Task(PreviewPipelineArgs args, string taskName, string description, string[] parameters, JsonArray steps, bool reports)
    {
        var spec = new JsonObject
        {
            ["description"] = description,
            ["params"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p, ["type"] = "string" })]),
        };
        if (reports)
        {
            spec["workspaces"] = new JsonArray(new JsonObject
            {
                ["name"] = Reports,
                ["description"] = "Receives diff.md, the Markdown for the pull-request comment.",
                ["optional"] = true,
            });
        }

        spec["volumes"] = new JsonArray(new JsonObject { ["name"] = WorkVolume, ["emptyDir"] = new JsonObject() });
        spec["stepTemplate"] = new JsonObject
        {
            ["image"] = args.SdkImage,
            ["env"] = new JsonArray(
            [
                .. parameters.Select(p => Env(EnvName(p), $"$(params.{p})")),
                Env("SOURCE", PreviewSteps.SourceDir),
                Env("HOME", PreviewSteps.WorkDir + "/home"),
                Env("DOTNET_CLI_HOME", PreviewSteps.WorkDir + "/home"),
                Env("NUGET_PACKAGES", PreviewSteps.WorkDir + "/nuget"),
                Env("DOTNET_CLI_TELEMETRY_OPTOUT", "1"),
                Env("DOTNET_NOLOGO", "1"),
            ]),
            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = WorkVolume, ["mountPath"] = PreviewSteps.WorkDir }),
            ["computeResources"] = new JsonObject
            {
                ["requests"] = new JsonObject { ["cpu"] = args.CpuRequest, ["memory"] = args.MemoryRequest },
                ["limits"] = new JsonObject { ["memory"] = args.MemoryLimit },
            },
            ["securityContext"] = PodSecurity.Container(PreviewSteps.SdkUserId),
        };
        spec["steps"] = steps;
        return new JsonObject
        {
            ["apiVersion"] = "tekton.dev/v1",
            ["kind"] = "Task",
            ["metadata"] = KubernetesObjects.Metadata(taskName, args.Namespace, Component, taskName),
            ["spec"] = spec,
        };
    }

    private static JsonObject Pipeline(PreviewPipelineArgs args)
    {
        JsonNode Param(string name, string description, string? @default = null)
        {
            var p = new JsonObject { ["name"] = name, ["type"] = "string", ["description"] = description };
            if (@default is not null)
            {
                p["default"] = @default;
            }

            return p;
        }

        JsonArray Pass(params string[] names) =>
            new([.. names.Select(n => (JsonNode)new JsonObject { ["name"] = n, ["value"] = $"$(params.{n})" })]);

        return new JsonObject
        {
            ["apiVersion"] = "tekton.dev/v1",
            ["kind"] = "Pipeline",
            ["metadata"] = KubernetesObjects.Metadata(PipelineName, args.Namespace, Component, PipelineName),
            ["spec"] = new JsonObject
            {
                ["description"] = "Preview a pull request: the credential-free diff of every stack, and pulumi preview when the pull request comes from this repository.",
                ["params"] = new JsonArray(
                    Param(Params.RepoUrl, "Clone URL of the repository the pull request targets."),
                    Param(Params.Revision, "The pull request's head commit (full id)."),
                    Param(Params.BaseRevision, "The base commit (full id)."),
                    Param(Params.HeadRepo, "owner/name the head commit comes from."),
                    Param(Params.BaseRepo, "owner/name of the repository the pull request targets."),
                    Param(Params.Stack, "The stack pulumi preview runs for.", args.Stack)),
                ["workspaces"] = new JsonArray(new JsonObject
                {
                    ["name"] = Reports,
                    ["description"] = "Optional: receives diff.md for whatever posts the comment.",
                    ["optional"] = true,
                }),
                ["tasks"] = new JsonArray(
                    new JsonObject
                    {
                        ["name"] = DiffTask,
                        ["taskRef"] = new JsonObject { ["name"] = DiffTaskName },
                        ["params"] = Pass(Params.RepoUrl, Params.Revision, Params.BaseRevision),
                        ["workspaces"] = new JsonArray(new JsonObject { ["name"] = Reports, ["workspace"] = Reports }),
                        ["timeout"] = "30m0s",
                    },
                    new JsonObject
                    {
                        ["name"] = PreviewTask,
                        ["taskRef"] = new JsonObject { ["name"] = PreviewTaskName },
                        ["params"] = Pass(Params.RepoUrl, Params.Revision, Params.Stack),

                        // Credentials only for the repository's own branches: a fork's code never runs with them.
                        ["when"] = new JsonArray(new JsonObject
                        {
                            ["input"] = $"$(params.{Params.HeadRepo})",
                            ["operator"] = "in",
                            ["values"] = new JsonArray($"$(params.{Params.BaseRepo})"),
                        }),
                        ["timeout"] = "30m0s",
                    }),
            },
        };
    }

    private static JsonObject TriggerBinding(PreviewPipelineArgs args)
    {
        JsonNode Bind(string name, string field) => new JsonObject { ["name"] = name, ["value"] = $"$(body.{field})" };
        return new JsonObject
        {
            ["apiVersion"] = "triggers.tekton.dev/v1beta1",
            ["kind"] = "TriggerBinding",
            ["metadata"] = KubernetesObjects.Metadata(TriggerBindingName, args.Namespace, Component, TriggerBindingName),
            ["spec"] = new JsonObject
            {
                ["params"] = new JsonArray(
                    Bind(Params.RepoUrl, "pull_request.base.repo.clone_url"),
                    Bind(Params.Revision, "pull_request.head.sha"),
                    Bind(Params.BaseRevision, "pull_request.base.sha"),
                    Bind(Params.HeadRepo, "pull_request.head.repo.full_name"),
                    Bind(Params.BaseRepo, "pull_request.base.repo.full_name")),
            },
        };
    }

    private static JsonObject TriggerTemplate(PreviewPipelineArgs args) => new()
    {
        ["apiVersion"] = "triggers.tekton.dev/v1beta1",
        ["kind"] = "TriggerTemplate",
        ["metadata"] = KubernetesObjects.Metadata(PipelineName, args.Namespace, Component, PipelineName),
        ["spec"] = new JsonObject
        {
            ["params"] = new JsonArray([.. TriggerParams.Select(p => (JsonNode)new JsonObject { ["name"] = p })]),
            ["resourcetemplates"] = new JsonArray(PipelineRun(args)),
        },
    };

    private static JsonObject Step(string stepName, string script, params JsonNode[] env)
    {
        var step = new JsonObject { ["name"] = stepName };
        if (env.Length > 0)
        {
            step["env"] = new JsonArray(env);
        }

        step["script"] = script + "\n";
        return step;
    }

    private static JsonNode Env(string name, string value) => new JsonObject { ["name"] = name, ["value"] = value };

    private static JsonNode SecretEnv(string name, string secret, string key) => new JsonObject
    {
        ["name"] = name,
        ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = secret, ["key"] = key } },
    };

    // repo-url → REPO_URL: what the scripts read.
    private static string EnvName(string param) => param.Replace('-', '_').ToUpperInvariant();
}
