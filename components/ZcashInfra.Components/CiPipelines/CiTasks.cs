using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using static ZcashInfra.Components.CiPipelines.TektonSpec;

namespace ZcashInfra.Components.CiPipelines;

/// <summary>
/// The Tasks of the CI pipelines (Tekton v1). Every step runs as a non-root user without
/// privilege escalation or capabilities and requests what it uses, except the image build,
/// which needs root inside its container (see <see cref="ImageBuild"/>).
/// </summary>
internal static class CiTasks
{
    /// <summary>The capabilities kaniko needs to unpack base images and run RUN steps as root, all within the baseline standard.</summary>
    public static readonly IReadOnlyList<string> KanikoCapabilities = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "SETGID", "SETUID", "SETFCAP"];

    /// <summary>Fetches one commit.</summary>
    public static JsonObject Checkout(string ns, string instance, CiToolImages images, bool withCache)
    {
        var workspaces = new JsonArray(Workspace(CiNames.Source, "The run's volume; the commit is checked out into source/."));
        if (withCache)
        {
            workspaces.Add(Workspace(CiNames.Cache, "The build cache (bound for zone placement, see the Task's docs).", optional: true));
        }

        var step = Step("checkout", images.Git, CiScripts.Checkout);
        step["env"] = new JsonArray(
            Env("REPO_URL", $"$(params.{CiNames.RepoUrl})"),
            Env("REVISION", $"$(params.{CiNames.Revision})"));
        return Task(CiNames.CheckoutTask, ns, instance, "Fetches exactly one commit into a clean directory.", new JsonObject
        {
            ["params"] = new JsonArray(
                Param(CiNames.RepoUrl, "Clone URL of the repository."),
                Param(CiNames.Revision, "Commit SHA (or ref) to check out.")),
            ["workspaces"] = workspaces,
            ["results"] = new JsonArray(Result(CiNames.Commit, "The commit checked out.")),
            ["volumes"] = HomeVolume(),
            ["stepTemplate"] = RestrictedStepTemplate(),
            ["steps"] = new JsonArray(step),
        });
    }

    /// <summary>Builds zebrad (cargo) or zcashd (its build script), with downloads cached across runs.</summary>
    public static JsonObject Build(string ns, string instance, ComputeResources resources) =>
        BuilderTask(CiNames.BuildTask, ns, instance, "Builds the node: cargo for zebrad, zcutil/build.sh for zcashd.", "build", CiScripts.Build, resources, withCache: true);

    /// <summary>The node's unit tests.</summary>
    public static JsonObject UnitTests(string ns, string instance, ComputeResources resources) =>
        BuilderTask(CiNames.UnitTestTask, ns, instance, "Runs the node's unit tests on the build's output.", "unit-tests", CiScripts.UnitTests, resources, withCache: true);

    /// <summary>Picks the snapshot (archive URL, digest, height) the integration node starts from.</summary>
    public static JsonObject Resolve(string ns, string instance, CiToolImages images)
    {
        var step = Step("resolve", images.Python, CiScripts.Resolve);
        step["env"] = new JsonArray(
            Env("SNAPSHOT_INDEX", $"$(params.{CiNames.SnapshotIndex})"),
            Env("SNAPSHOT_HEIGHT", $"$(params.{CiNames.SnapshotHeight})"),
            Env("DB_MAJOR", $"$(params.{CiNames.DbMajor})"),
            Env("IMPLEMENTATION", $"$(params.{CiNames.Implementation})"));
        return Task(CiNames.ResolveTask, ns, instance, "Chooses a snapshot from an index: the entry at a height, or the newest compatible one.", new JsonObject
        {
            ["params"] = new JsonArray(
                Param(CiNames.SnapshotIndex, "URL of the snapshots.json index."),
                Param(CiNames.SnapshotHeight, "Exact height wanted; empty for the newest compatible entry.", string.Empty),
                Param(CiNames.DbMajor, "Database major version of the node that will load it."),
                Param(CiNames.Implementation, "zebrad or zcashd.")),
            ["results"] = new JsonArray(
                Result(CiNames.ArchiveUrl, "The archive to restore."),
                Result(CiNames.Sha256, "Its SHA-256, from the index."),
                Result(CiNames.Height, "Its block height.")),
            ["volumes"] = HomeVolume(),
            ["stepTemplate"] = RestrictedStepTemplate(),
            ["steps"] = new JsonArray(step),
        });
    }

    /// <summary>
    /// Seeds a node from the chosen snapshot with the snapshot agent, starts the binary just built
    /// on it (a sidecar, without peers so it stays at that height), and runs RPC tests against it.
    /// </summary>
    public static JsonObject Integration(string ns, string instance, CiToolImages images, IntegrationArgs integration)
    {
        var restore = new JsonObject
        {
            ["name"] = "restore",
            ["image"] = $"$(params.{CiNames.AgentImage})",
            ["args"] = new JsonArray([.. RestoreArgs().Select(a => (JsonNode)a)]),
            ["computeResources"] = PodSecurity.Resources("1", "1Gi"),
        };
        var checks = Step("rpc-checks", images.Curl, CiScripts.RpcChecks);
        checks["env"] = new JsonArray(
            Env("STATE_SUBDIR", $"$(params.{CiNames.StateSubdir})"),
            Env("EXPECTED_HEIGHT", $"$(params.{CiNames.Height})"));
        checks["timeout"] = "45m";
        var tests = Step("rpc-tests", $"$(params.{CiNames.BuilderImage})", CiScripts.RpcTests);
        tests["env"] = new JsonArray(
            Env("STATE_SUBDIR", $"$(params.{CiNames.StateSubdir})"),
            Env("RPC_TEST_COMMAND", $"$(params.{CiNames.RpcTestCommand})"));

        var nodeSecurity = PodSecurity.Container(runAsUser: PodSecurity.NonRootUser, runAsGroup: PodSecurity.NonRootUser);
        var node = new JsonObject
        {
            ["name"] = "node",
            ["image"] = $"$(params.{CiNames.BuilderImage})",
            ["env"] = new JsonArray(
                Env("HOME", Home),
                Env("NETWORK", $"$(params.{CiNames.Network})"),
                Env("IMPLEMENTATION", $"$(params.{CiNames.Implementation})")),
            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "home", ["mountPath"] = Home }),
            ["computeResources"] = PodSecurity.Resources(integration.NodeResources.Cpu, integration.NodeResources.Memory),
            ["securityContext"] = nodeSecurity,
            ["script"] = CiScripts.Node,
        };

        return Task(CiNames.IntegrationTask, ns, instance, "Starts the built node on a snapshot restored at a chosen height and runs RPC tests against it.", new JsonObject
        {
            ["params"] = new JsonArray(
                Param(CiNames.Implementation, "zebrad or zcashd."),
                Param(CiNames.BuilderImage, "The toolchain image (runs the built binary and the RPC test command)."),
                Param(CiNames.AgentImage, "The snapshot agent image."),
                Param(CiNames.Network, "mainnet, testnet or regtest."),
                Param(CiNames.DbMajor, "Database major version of the built node."),
                Param(CiNames.StateSubdir, "The network directory below the data directory (zcashd); empty for zebrad.", string.Empty),
                Param(CiNames.ArchiveUrl, "The snapshot archive."),
                Param(CiNames.Sha256, "Its SHA-256."),
                Param(CiNames.Height, "Its block height."),
                Param(CiNames.RpcTestCommand, "Command run in the source tree against the node; empty runs only the built-in checks.", string.Empty)),
            ["workspaces"] = new JsonArray(Workspace(CiNames.Source, "The run's volume: the built binaries (bin/) and the node's state (node-state/).")),
            ["volumes"] = HomeVolume(),
            ["stepTemplate"] = RestrictedStepTemplate(),
            ["sidecars"] = new JsonArray(node),
            ["steps"] = new JsonArray(restore, checks, tests),
        });
    }

    /// <summary>The snapshot agent's restore command line (the image's entrypoint is the agent).</summary>
    public static IReadOnlyList<string> RestoreArgs() =>
    [
        "restore",
        "--url", $"$(params.{CiNames.ArchiveUrl})",
        "--sha256", $"$(params.{CiNames.Sha256})",
        "--network", $"$(params.{CiNames.Network})",
        "--implementation", $"$(params.{CiNames.Implementation})",
        "--db-major", $"$(params.{CiNames.DbMajor})",
        "--target", $"$(workspaces.{CiNames.Source}.path)/node-state/$(params.{CiNames.StateSubdir})",
        "--replace",
    ];

    /// <summary>
    /// Builds and pushes an image with kaniko. No image builder that runs a Dockerfile's RUN steps
    /// works under the restricted standard: rootless buildah and BuildKit need user namespaces,
    /// which the runtime's default seccomp profile forbids, and kaniko must be root inside its
    /// container. So this Task runs only in the image namespace (baseline), as root without
    /// privilege escalation, with every capability dropped but the few it needs.
    /// </summary>
    public static JsonObject ImageBuild(string ns, string instance, CiToolImages images, string registrySecret, ComputeResources resources)
    {
        var security = new JsonObject
        {
            ["allowPrivilegeEscalation"] = false,
            ["capabilities"] = new JsonObject
            {
                ["drop"] = new JsonArray(PodSecurity.DropAll),
                ["add"] = new JsonArray([.. KanikoCapabilities.Select(c => (JsonNode)c)]),
            },
            ["runAsNonRoot"] = false,
            ["runAsUser"] = 0,
            ["seccompProfile"] = PodSecurity.Seccomp(),
        };
        var step = new JsonObject
        {
            ["name"] = "build-and-push",
            ["image"] = images.Kaniko,
            ["args"] = new JsonArray(
                $"--dockerfile=$(workspaces.{CiNames.Source}.path)/source/$(params.{CiNames.Dockerfile})",
                $"--context=dir://$(workspaces.{CiNames.Source}.path)/source/$(params.{CiNames.Context})",
                $"--destination=$(params.{CiNames.Image})",
                $"--digest-file=$(results.{CiNames.ImageDigest}.path)",
                "--snapshot-mode=redo"),
            ["env"] = new JsonArray(Env("DOCKER_CONFIG", "/kaniko/.docker")),
            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "registry", ["mountPath"] = "/kaniko/.docker", ["readOnly"] = true }),
            ["computeResources"] = PodSecurity.Resources(resources.Cpu, resources.Memory),
            ["securityContext"] = security,
        };
        return Task(CiNames.ImageBuildTask, ns, instance, "Builds a Dockerfile with kaniko and pushes the image.", new JsonObject
        {
            ["params"] = new JsonArray(
                Param(CiNames.Image, "Image reference to push (registry/repository:tag)."),
                Param(CiNames.Dockerfile, "Dockerfile, relative to the repository root.", CiPipelinesArgs.AgentDockerfile),
                Param(CiNames.Context, "Build context, relative to the repository root.", ".")),
            ["workspaces"] = new JsonArray(Workspace(CiNames.Source, "The run's volume with the checkout in source/.")),
            ["results"] = new JsonArray(Result(CiNames.ImageDigest, "Digest of the pushed image.")),
            ["volumes"] = new JsonArray(new JsonObject
            {
                ["name"] = "registry",
                ["secret"] = new JsonObject
                {
                    ["secretName"] = registrySecret,
                    ["items"] = new JsonArray(new JsonObject { ["key"] = ".dockerconfigjson", ["path"] = "config.json" }),
                },
            }),
            ["steps"] = new JsonArray(step),
        });
    }

    private static JsonObject BuilderTask(string name, string ns, string instance, string description, string stepName, string script, ComputeResources resources, bool withCache)
    {
        var step = Step(stepName, $"$(params.{CiNames.BuilderImage})", script, resources);
        var env = new JsonArray(
            Env("IMPLEMENTATION", $"$(params.{CiNames.Implementation})"),
            Env("CARGO_TARGET_DIR", $"$(workspaces.{CiNames.Source}.path)/target"),
            Env("CARGO_INCREMENTAL", "0"));
        if (withCache)
        {
            // Downloads are cached (cargo's registry and git checkouts, zcashd's depends sources and
            // packages, both keyed by content); build output is not, so every run builds from a
            // clean tree. The scripts pick the shared cache when bound, else the run's own volume.
            env.Add(Env("CACHE_BOUND", $"$(workspaces.{CiNames.Cache}.bound)"));
            env.Add(Env("CACHE_DIR", $"$(workspaces.{CiNames.Cache}.path)"));
        }

        step["env"] = env;
        var workspaces = new JsonArray(Workspace(CiNames.Source, "The run's volume with the checkout in source/."));
        if (withCache)
        {
            workspaces.Add(Workspace(CiNames.Cache, "The build cache shared by runs (ReadWriteMany); unbound, downloads are cached on the run's own volume.", optional: true));
        }

        return Task(name, ns, instance, description, new JsonObject
        {
            ["params"] = new JsonArray(
                Param(CiNames.Implementation, "zebrad or zcashd."),
                Param(CiNames.BuilderImage, "The toolchain image.")),
            ["workspaces"] = workspaces,
            ["volumes"] = HomeVolume(),
            ["stepTemplate"] = RestrictedStepTemplate(),
            ["steps"] = new JsonArray(step),
        });
    }

    private static JsonObject Task(string name, string ns, string instance, string description, JsonObject spec)
    {
        var ordered = new JsonObject { ["description"] = description };
        foreach (var (key, value) in spec.ToList())
        {
            spec.Remove(key);
            ordered[key] = value;
        }

        return Object(PipelinesApi, "Task", KubernetesObjects.Metadata(name, ns, name, instance), ordered);
    }

    private static JsonObject Env(string name, string value) => new() { ["name"] = name, ["value"] = value };
}
