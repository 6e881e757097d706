using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.CiPipelines;

/// <summary>The names Tasks, Pipelines and TriggerTemplates share: one constant each, so a renamed parameter cannot half-change.</summary>
public static class CiNames
{
    /// <summary>Parameter: the repository's clone URL.</summary>
    public const string RepoUrl = "repo-url";

    /// <summary>Parameter: the commit to build.</summary>
    public const string Revision = "revision";

    /// <summary>Parameter: the repository's short name.</summary>
    public const string RepoName = "repo-name";

    /// <summary>Parameter: zebrad or zcashd.</summary>
    public const string Implementation = "implementation";

    /// <summary>Parameter: the toolchain image.</summary>
    public const string BuilderImage = "builder-image";

    /// <summary>Parameter: the snapshot agent image.</summary>
    public const string AgentImage = "agent-image";

    /// <summary>Parameter: snapshots.json to seed the integration node from ("" skips integration).</summary>
    public const string SnapshotIndex = "snapshot-index";

    /// <summary>Parameter: the snapshot height to restore ("" for the newest compatible one).</summary>
    public const string SnapshotHeight = "snapshot-height";

    /// <summary>Parameter: mainnet, testnet or regtest.</summary>
    public const string Network = "network";

    /// <summary>Parameter: the node's database major version.</summary>
    public const string DbMajor = "db-major";

    /// <summary>Parameter: the node's network directory below its data directory (zcashd's testnet3, regtest; "" for zebrad).</summary>
    public const string StateSubdir = "state-subdir";

    /// <summary>Parameter: the RPC test command run in the source tree.</summary>
    public const string RpcTestCommand = "rpc-test-command";

    /// <summary>Parameter: the resolved archive URL.</summary>
    public const string ArchiveUrl = "archive-url";

    /// <summary>Parameter: the resolved archive's SHA-256.</summary>
    public const string Sha256 = "sha256";

    /// <summary>Parameter: the resolved snapshot's height.</summary>
    public const string Height = "height";

    /// <summary>Parameter: the image reference to push.</summary>
    public const string Image = "image";

    /// <summary>Parameter: the tag of the agent image a push builds.</summary>
    public const string ImageTag = "image-tag";

    /// <summary>Workspace: each run's own volume.</summary>
    public const string Source = "source";

    /// <summary>Workspace: the shared build cache.</summary>
    public const string Cache = "cache";

    /// <summary>Result: the checked-out commit.</summary>
    public const string Commit = "commit";

    /// <summary>Result: the pushed image's digest.</summary>
    public const string ImageDigest = "image-digest";

    /// <summary>Task: fetch one commit.</summary>
    public const string CheckoutTask = "git-checkout";

    /// <summary>Task: build a node.</summary>
    public const string BuildTask = "zcash-build";

    /// <summary>Task: a node's unit tests.</summary>
    public const string UnitTestTask = "zcash-unit-tests";

    /// <summary>Task: pick a snapshot from an index.</summary>
    public const string ResolveTask = "snapshot-resolve";

    /// <summary>Task: a snapshot-seeded node and RPC tests.</summary>
    public const string IntegrationTask = "zcash-integration";

    /// <summary>Task: build and push an image with kaniko.</summary>
    public const string ImageBuildTask = "image-build";

    /// <summary>Pipeline: checkout, build, unit tests, integration.</summary>
    public const string NodePipeline = "zcash-node-ci";

    /// <summary>Pipeline: the snapshot agent's image.</summary>
    public const string ImagePipeline = "snapshot-agent-image";

    /// <summary>Param: a Dockerfile, relative to the repository root.</summary>
    public const string Dockerfile = "dockerfile";

    /// <summary>Param: a build context, relative to the repository root.</summary>
    public const string Context = "context";

    /// <summary>
    /// The RPC port of the integration node (inside its pod only, set explicitly on every network):
    /// the testnet/regtest RPC port from <see cref="ZcashPorts"/>.
    /// </summary>
    public static readonly int IntegrationRpcPort = ZcashPorts.Rpc(Zcash.Network.Testnet);
}
