using System.Collections.Immutable;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.CiPipelines;

/// <summary>What a repository's pushes and pull requests build.</summary>
public enum CiBuild
{
    /// <summary>Zebra: cargo build, cargo test, integration against a snapshot-seeded node.</summary>
    Zebrad,

    /// <summary>zcashd: its build script, its unit tests, integration when a zcashd snapshot index is given.</summary>
    Zcashd,

    /// <summary>This project: build and push the snapshot agent's container image (pushes to the default branch and tags only); its pull requests are previewed.</summary>
    SnapshotAgent,

    /// <summary>This project, previews only: its pull requests start the preview pipeline; nothing is built or pushed.</summary>
    Preview,
}

/// <summary>The preview pipeline's trigger objects, which the listener's pull-request trigger references.</summary>
/// <param name="TriggerBinding">The TriggerBinding that reads a <c>pull_request</c> event.</param>
/// <param name="TriggerTemplate">The TriggerTemplate that starts the preview run.</param>
/// <param name="Namespace">Their namespace (the listener's).</param>
public sealed record PreviewTrigger(string TriggerBinding, string TriggerTemplate, string Namespace);

/// <summary>A GitHub repository whose webhooks start pipeline runs.</summary>
/// <param name="Name">Short name (a DNS label): run names and the cache's subdirectory.</param>
/// <param name="Url">The repository's https URL (<c>https://github.com/owner/repo</c>).</param>
/// <param name="Build">What its events build.</param>
public sealed record CiRepository(string Name, string Url, CiBuild Build)
{
    /// <summary>The repository's <c>owner/name</c>, as webhook payloads name it (<c>repository.full_name</c>).</summary>
    public string FullName
    {
        get
        {
            var path = new Uri(Url).AbsolutePath.Trim('/');
            return path.EndsWith(".git", StringComparison.Ordinal) ? path[..^".git".Length] : path;
        }
    }
}

/// <summary>
/// The build cache: cargo's registry and git checkouts, zcashd's depends sources and built packages.
/// A ReadWriteOnce volume attaches to one node at a time, so runs on other nodes would wait on it
/// (Multi-Attach) and serialize; so the cache is either shared by every run at once on a
/// ReadWriteMany class (Filestore, EFS), or kept per run on the run's own volume (the default:
/// concurrent runs never wait, at the cost of downloading again).
/// </summary>
public sealed record BuildCacheArgs
{
    /// <summary>Each run caches on its own volume.</summary>
    public const string PerRun = "PerRun";

    /// <summary>One volume every run mounts at once; needs a ReadWriteMany storage class.</summary>
    public const string ReadWriteMany = "ReadWriteMany";

    /// <summary>Size of the shared cache volume. Default 100Gi.</summary>
    public string Size { get; init; } = "100Gi";

    /// <summary>Storage class of the shared volume (a ReadWriteMany class). Default null.</summary>
    public string? StorageClass { get; init; }

    /// <summary><see cref="PerRun"/> (default) or <see cref="ReadWriteMany"/>.</summary>
    public string AccessMode { get; init; } = PerRun;

    /// <summary>True when runs share one cache volume.</summary>
    public bool Shared => AccessMode == ReadWriteMany;
}

/// <summary>The integration step: a node seeded from a snapshot at a chosen height, and RPC tests against it.</summary>
public sealed record IntegrationArgs
{
    /// <summary>The network of the snapshots. Default testnet.</summary>
    public Network Network { get; init; } = Network.Testnet;

    /// <summary>snapshots.json of Zebra snapshots; null skips integration for Zebra. Default the Zcash Foundation's testnet index.</summary>
    public string? ZebradIndex { get; init; } = "https://snapshots.zfnd.org/testnet/snapshots.json";

    /// <summary>snapshots.json of zcashd snapshots; null skips integration for zcashd. Default null.</summary>
    public string? ZcashdIndex { get; init; }

    /// <summary>Restore the entry at exactly this height; null takes the newest compatible one. Default null.</summary>
    public long? Height { get; init; }

    /// <summary>Database major version of the zebrad being built (zebrad 6.x: 28). Default 28.</summary>
    public int ZebradDbMajor { get; init; } = 28;

    /// <summary>Database major version recorded in the zcashd snapshots of <see cref="ZcashdIndex"/>; required with it. Default null.</summary>
    public int? ZcashdDbMajor { get; init; }

    /// <summary>A command run in the source tree once the node answers RPC (e.g. the repository's RPC test suite); empty runs only the built-in checks. Default empty.</summary>
    public string RpcTestCommand { get; init; } = string.Empty;

    /// <summary>What the seeded node requests. Default 2 CPU, 8Gi.</summary>
    public ComputeResources NodeResources { get; init; } = new("2", "8Gi");
}

/// <summary>The images of the pipelines' own tool steps (builders are per repository kind, in <see cref="CiPipelinesArgs"/>).</summary>
public sealed record CiToolImages
{
    /// <summary>
    /// git and a POSIX shell. Default docker.io/alpine/git:v2.49.1: alpine/git's version tags carry a
    /// <c>v</c> (the alpine/git updates published by Renovate bots read <c>v2.45.1</c>).
    /// </summary>
    public string Git { get; init; } = "docker.io/alpine/git:v2.49.1";

    /// <summary>Python 3 (the snapshot index lookup). Default docker.io/library/python:3.13-slim.</summary>
    public string Python { get; init; } = "docker.io/library/python:3.13-slim";

    /// <summary>curl and a POSIX shell (the RPC checks). Default docker.io/curlimages/curl:8.16.0.</summary>
    public string Curl { get; init; } = "docker.io/curlimages/curl:8.16.0";

    /// <summary>The image builder. Default gcr.io/kaniko-project/executor:v1.23.2.</summary>
    public string Kaniko { get; init; } = "gcr.io/kaniko-project/executor:v1.23.2";
}

/// <summary>Arguments of <see cref="CiPipelinesComponent"/>.</summary>
public sealed record CiPipelinesArgs
{
    /// <summary>Size of an image build run's own volume (the checkout kaniko builds from).</summary>
    public const string ImageWorkspaceSize = "5Gi";

    /// <summary>Image builds the image namespace's quota admits at once: two pushes, each building the agent and the Zebra builder.</summary>
    public const int ConcurrentImageBuilds = 4;

    /// <summary>The Dockerfile of the snapshot agent, relative to the repository root.</summary>
    public const string AgentDockerfile = "tools/ZcashInfra.SnapshotAgent/Dockerfile";

    /// <summary>Graph path of the Kubernetes provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>Repositories whose webhooks start runs. Required (may be empty: no triggers).</summary>
    public required IReadOnlyList<CiRepository> Repositories { get; init; }

    /// <summary>The Secret holding GitHub's webhook secret, in the CI namespace. Default github-webhook/secret.</summary>
    public SecretKeyRef WebhookSecret { get; init; } = new("github-webhook", "secret");

    /// <summary>Run pull requests from forks (untrusted code on the CI pool). Default false.</summary>
    public bool ForkPullRequests { get; init; }

    /// <summary>Graph paths everything here depends on: the namespaces and the Tekton install. Default none.</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>The snapshot agent image the integration step restores with; its repository is where the image pipeline pushes. Default <see cref="SnapshotAgentImage.Default"/>.</summary>
    public string AgentImage { get; init; } = SnapshotAgentImage.Default;

    /// <summary>
    /// Toolchain image for Zebra. It must provide the Rust Zebra pins, clang/libclang and protoc
    /// (RocksDB's and the RPC crates' build scripts need them); the official Rust image has Rust
    /// only. Default <see cref="ZebraBuilder.DefaultImage"/>, built by the image pipeline.
    /// </summary>
    public string ZebradBuilder { get; init; } = ZebraBuilder.DefaultImage;

    /// <summary>
    /// Toolchain image for zcashd's build script (its Debian build dependencies). Default
    /// docker.io/electriccoinco/zcashd-build-debian11:latest, ECC's CI builder (published without
    /// version tags: pin it by digest).
    /// </summary>
    public string ZcashdBuilder { get; init; } = "docker.io/electriccoinco/zcashd-build-debian11:latest";

    /// <summary>What build and unit-test steps request. Default 4 CPU, 12Gi.</summary>
    public ComputeResources BuildResources { get; init; } = new("4", "12Gi");

    /// <summary>What the image build requests. Default 2 CPU, 4Gi.</summary>
    public ComputeResources ImageBuildResources { get; init; } = new("2", "4Gi");

    /// <summary>Size of each run's own volume (source, build output, node state). Default 60Gi.</summary>
    public string WorkspaceSize { get; init; } = "60Gi";

    /// <summary>The build cache. Default 100Gi, ReadWriteOnce, default storage class.</summary>
    public BuildCacheArgs Cache { get; init; } = new();

    /// <summary>Protect and retain the cache volume (production: every volume is a data store). Default false.</summary>
    public bool ProtectState { get; init; }

    /// <summary>The integration step. Default testnet, the Foundation's index, newest entry.</summary>
    public IntegrationArgs Integration { get; init; } = new();

    /// <summary>A docker config Secret (kubernetes.io/dockerconfigjson) in the image namespace, to push the agent image with. Default registry-push.</summary>
    public string RegistrySecret { get; init; } = "registry-push";

    /// <summary>Expose the webhook receiver through an Ingress at this host (GitHub must reach it). Default null: not exposed.</summary>
    public IngressArgs? WebhookIngress { get; init; }

    /// <summary>The preview pipeline, started by pull requests of <see cref="CiBuild.SnapshotAgent"/> and <see cref="CiBuild.Preview"/> repositories. Default null: no preview trigger.</summary>
    public PreviewTrigger? Preview { get; init; }

    /// <summary>Images of the tool steps. Default pinned public images.</summary>
    public CiToolImages Images { get; init; } = new();
}

/// <summary>What the CI pipelines give the stack.</summary>
/// <param name="ComponentPath">Graph path of the component.</param>
/// <param name="WebhookService">The EventListener's Service as <c>namespace/name</c> (GitHub's webhook target, port 8080).</param>
/// <param name="NodePipeline">Name of the node build/test pipeline.</param>
/// <param name="ImagePipeline">Name of the agent image pipeline, when a repository builds it.</param>
public sealed record CiPipelinesOutputs(string ComponentPath, string WebhookService, string NodePipeline, string? ImagePipeline);
