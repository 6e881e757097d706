using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Automation;

/// <summary>
/// "Give me a node at height H": one Zcash node, seeded from a snapshot, in a throwaway stack on an
/// existing cluster.
/// </summary>
public sealed record EphemeralNodeRequest
{
    /// <summary>
    /// What the node runs, on testnet or regtest (mainnet state is too large to be ephemeral): the
    /// same release a stack's node set declares, with the same rules. Required.
    /// </summary>
    public required NodeRelease Release { get; init; }

    /// <summary>The snapshot index to restore from (testnet). Default: none, sync from genesis.</summary>
    public string? SnapshotIndex { get; init; }

    /// <summary>The snapshot height to start at; needs <see cref="SnapshotIndex"/>. Default: the newest.</summary>
    public long? Height { get; init; }

    /// <summary>A pinned digest of the snapshot archive.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The kubeconfig context of the cluster to use. Default: the current context.</summary>
    public string? KubeContext { get; init; }

    /// <summary>Who asked (a CI job id, a user): part of the stack name so environments can be traced. Default "auto".</summary>
    public string Owner { get; init; } = "auto";
}

/// <summary>A running ephemeral node.</summary>
/// <param name="StackName">The stack that holds it; pass it to <see cref="EphemeralEnvironments.DestroyAsync"/>.</param>
/// <param name="RpcEndpoint">host:port of its JSON-RPC service inside the cluster.</param>
public sealed record EphemeralNode(string StackName, string RpcEndpoint);
