using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using static ZcashInfra.Components.CiPipelines.TektonSpec;

namespace ZcashInfra.Components.CiPipelines;

/// <summary>The Pipelines (Tekton v1). Tasks that share the run's volume run one after another, never side by side.</summary>
internal static class CiPipelineDefinitions
{
    /// <summary>
    /// Checkout → build → unit tests → integration (a node seeded from a snapshot at a chosen
    /// height, with RPC tests); the snapshot lookup needs no volume and runs beside the build.
    /// Integration is skipped when the run names no snapshot index.
    /// </summary>
    public static JsonObject Node(string ns, string instance)
    {
        var withIndex = new JsonArray(new JsonObject
        {
            ["input"] = $"$(params.{CiNames.SnapshotIndex})",
            ["operator"] = "notin",
            ["values"] = new JsonArray(string.Empty),
        });
        var tasks = new JsonArray(
            PipelineTask("checkout", CiNames.CheckoutTask, [], PassThrough(CiNames.RepoUrl, CiNames.Revision), CiNames.Source),
            PipelineTask("build", CiNames.BuildTask, ["checkout"], PassThrough(CiNames.Implementation, CiNames.BuilderImage), CiNames.Source, CiNames.Cache),
            PipelineTask("unit-tests", CiNames.UnitTestTask, ["build"], PassThrough(CiNames.Implementation, CiNames.BuilderImage), CiNames.Source, CiNames.Cache),
            When(PipelineTask("resolve-snapshot", CiNames.ResolveTask, [],
                PassThrough(CiNames.SnapshotIndex, CiNames.SnapshotHeight, CiNames.DbMajor, CiNames.Implementation)), withIndex),
            When(PipelineTask("integration", CiNames.IntegrationTask, ["unit-tests", "resolve-snapshot"],
                [
                    .. PassThrough(CiNames.Implementation, CiNames.BuilderImage, CiNames.AgentImage, CiNames.Network, CiNames.DbMajor, CiNames.StateSubdir, CiNames.RpcTestCommand)
                        .Select(p => p!.DeepClone()),
                    Value(CiNames.ArchiveUrl, $"$(tasks.resolve-snapshot.results.{CiNames.ArchiveUrl})"),
                    Value(CiNames.Sha256, $"$(tasks.resolve-snapshot.results.{CiNames.Sha256})"),
                    Value(CiNames.Height, $"$(tasks.resolve-snapshot.results.{CiNames.Height})"),
                ], CiNames.Source), withIndex.DeepClone().AsArray()));

        return Object(PipelinesApi, "Pipeline", KubernetesObjects.Metadata(CiNames.NodePipeline, ns, CiNames.NodePipeline, instance), new JsonObject
        {
            ["description"] = "Builds and tests a Zcash node at one commit: unit tests, then the built node on a snapshot at a chosen height under RPC tests.",
            ["params"] = new JsonArray(
                Param(CiNames.RepoUrl, "Clone URL."),
                Param(CiNames.Revision, "Commit to build."),
                Param(CiNames.RepoName, "Short repository name."),
                Param(CiNames.Implementation, "zebrad or zcashd."),
                Param(CiNames.BuilderImage, "The toolchain image."),
                Param(CiNames.AgentImage, "The snapshot agent image."),
                Param(CiNames.SnapshotIndex, "snapshots.json to seed the integration node from; empty skips integration.", string.Empty),
                Param(CiNames.SnapshotHeight, "Height to restore; empty for the newest compatible entry.", string.Empty),
                Param(CiNames.Network, "The snapshots' network.", "testnet"),
                Param(CiNames.DbMajor, "Database major version of the built node.", "28"),
                Param(CiNames.StateSubdir, "The node's network directory below its data directory (zcashd).", string.Empty),
                Param(CiNames.RpcTestCommand, "Command run against the node in the source tree.", string.Empty)),
            ["workspaces"] = new JsonArray(
                Workspace(CiNames.Source, "The run's own volume."),
                Workspace(CiNames.Cache, "The shared build cache (ReadWriteMany); unbound, each run caches on its own volume.", optional: true)),
            ["tasks"] = tasks,
            ["results"] = new JsonArray(new JsonObject
            {
                ["name"] = CiNames.Commit,
                ["description"] = "The commit built.",
                ["value"] = $"$(tasks.checkout.results.{CiNames.Commit})",
            }),
        });
    }

    /// <summary>Checkout → kaniko build and push of the snapshot agent's image.</summary>
    public static JsonObject Image(string ns, string instance)
    {
        var tasks = new JsonArray(
            PipelineTask("checkout", CiNames.CheckoutTask, [], PassThrough(CiNames.RepoUrl, CiNames.Revision), CiNames.Source),
            PipelineTask("build-image", CiNames.ImageBuildTask, ["checkout"], PassThrough(CiNames.Image, CiNames.Dockerfile, CiNames.Context), CiNames.Source));
        return Object(PipelinesApi, "Pipeline", KubernetesObjects.Metadata(CiNames.ImagePipeline, ns, CiNames.ImagePipeline, instance), new JsonObject
        {
            ["description"] = "Builds an image of this repository (the snapshot agent's, the Zebra builder's) from its Dockerfile and pushes it.",
            ["params"] = new JsonArray(
                Param(CiNames.RepoUrl, "Clone URL."),
                Param(CiNames.Revision, "Commit to build."),
                Param(CiNames.Image, "Image reference to push."),
                Param(CiNames.Dockerfile, "Dockerfile, relative to the repository root.", CiPipelinesArgs.AgentDockerfile),
                Param(CiNames.Context, "Build context, relative to the repository root.", ".")),
            ["workspaces"] = new JsonArray(Workspace(CiNames.Source, "The run's own volume.")),
            ["tasks"] = tasks,
            ["results"] = new JsonArray(new JsonObject
            {
                ["name"] = CiNames.ImageDigest,
                ["description"] = "Digest of the pushed image.",
                ["value"] = $"$(tasks.build-image.results.{CiNames.ImageDigest})",
            }),
        });
    }

    private static JsonObject PipelineTask(string name, string task, string[] runAfter, JsonArray @params, params string[] workspaces)
    {
        var entry = new JsonObject
        {
            ["name"] = name,
            ["taskRef"] = new JsonObject { ["kind"] = "Task", ["name"] = task },
        };
        if (runAfter.Length > 0)
        {
            entry["runAfter"] = new JsonArray([.. runAfter.Select(r => (JsonNode)r)]);
        }

        entry["params"] = @params;
        if (workspaces.Length > 0)
        {
            entry["workspaces"] = new JsonArray([.. workspaces.Select(w => (JsonNode)Bind(w))]);
        }

        return entry;
    }

    private static JsonObject When(JsonObject task, JsonArray when)
    {
        task["when"] = when;
        return task;
    }
}
