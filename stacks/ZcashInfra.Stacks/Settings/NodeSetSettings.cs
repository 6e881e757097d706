using System.Text.Json.Serialization;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Stacks.Settings;

/// <summary>One entry of <c>zcash-infra:nodeSets</c>: a StatefulSet of Zcash full nodes seeded from snapshots.</summary>
public sealed record NodeSetSettings
{
    /// <summary>
    /// StatefulSet pods carry a <c>&lt;name&gt;-&lt;revision hash&gt;</c> label, limited to 63
    /// characters, so a longer name would stop every pod from being created.
    /// </summary>
    public const int MaxNameLength = 52;

    /// <summary>Name (a DNS label), used for the StatefulSet and its Services. Required.</summary>
    public required string Name { get; init; }

    /// <inheritdoc cref="NodeRelease.Network"/>
    public required Network Network { get; init; }

    /// <inheritdoc cref="NodeRelease.Implementation"/>
    public NodeImplementation Implementation { get; init; } = NodeRelease.DefaultImplementation;

    /// <inheritdoc cref="NodeRelease.Version"/>
    public required string Version { get; init; }

    /// <inheritdoc cref="NodeRelease.Image"/>
    public string? Image { get; init; }

    /// <inheritdoc cref="NodeRelease.ImageDigest"/>
    public string? ImageDigest { get; init; }

    /// <inheritdoc cref="NodeRelease.DbMajor"/>
    public int? DbMajor { get; init; }

    /// <summary>Number of replicas. Default 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Expose JSON-RPC (to labelled clients only). Default false.</summary>
    public bool Rpc { get; init; }

    /// <summary>zcashd's RPC password, set with <c>--secret</c>; stored in a Kubernetes Secret. Default: none (cookie auth, in-pod tools only).</summary>
    public Secret? RpcPassword { get; init; }

    /// <summary>Scrape metrics with a ServiceMonitor (zebrad). Default false.</summary>
    public bool Monitoring { get; init; }

    /// <summary>Where the node's first state comes from. Default: sync from genesis.</summary>
    public SnapshotSourceSettings? Snapshot { get; init; }

    /// <summary>Each pod's volume. Default: the network's size, the cluster's default storage class.</summary>
    public NodeStorageSettings Storage { get; init; } = new();

    /// <summary>CPU and memory of the node container. Default: the network's sizing.</summary>
    public NodeResourceSettings Resources { get; init; } = new();

    /// <summary>How new versions roll out. Default: all pods, created in parallel.</summary>
    public RolloutSettings Rollout { get; init; } = new();

    /// <summary>Peer group the pods join (node sets of one network and group find each other). Default <c>default</c>.</summary>
    public string PeerGroup { get; init; } = NodeLabels.DefaultPeerGroup;

    /// <summary>zcashd-only options (index flags, compat sidecar). Default: none.</summary>
    public ZcashdSettings? Zcashd { get; init; }

    /// <summary>The release these keys declare, as the components take it (its rules are <see cref="NodeRelease.Problems"/>).</summary>
    [JsonIgnore]
    public NodeRelease Release => new()
    {
        Network = Network,
        Implementation = Implementation,
        Version = Version,
        Image = Image,
        ImageDigest = ImageDigest,
        DbMajor = DbMajor,
        Zcashd = Zcashd?.ToArgs() ?? new ZcashdOptions(),
    };

    internal void Validate(SettingsPath path, IReadOnlyList<NodeSetSettings> all, SettingsErrors errors)
    {
        var name = Name ?? string.Empty;
        errors.Require(KubernetesNames.IsDnsLabel(name), path["name"], KubernetesNames.DnsLabelRule(name));
        errors.Require(name.Length <= MaxNameLength, path["name"],
            $"must be at most {MaxNameLength} characters (pods carry '<name>-<revision hash>' labels, limited to 63), got {name.Length}");
        errors.Add(path, NodeSetRules.Problems(Release, Replicas, Rpc, RpcPassword is not null, Monitoring,
            Snapshot is { } snapshot ? (snapshot.Index is not null, snapshot.Url is not null) : null));
        errors.Require(KubernetesNames.IsDnsLabel(PeerGroup ?? string.Empty) && PeerGroup!.Length <= 40, path["peerGroup"],
            $"must be a DNS label of at most 40 characters (it names the peers Service), got '{PeerGroup}'");
        Snapshot?.Validate(path["snapshot"], errors);
        errors.Require(Snapshot is null || Network != Network.Regtest, path["snapshot"], "regtest starts from an empty chain; it has no snapshots");
        Storage.Validate(path["storage"], Network, Implementation, errors);
        Resources.Validate(path["resources"], errors);
        Rollout.Validate(path["rollout"], Replicas, errors);
        Zcashd?.Validate(path["zcashd"], this, all, errors);
    }
}

/// <summary>Where a node set's initial state comes from.</summary>
public sealed record SnapshotSourceSettings
{
    /// <summary>
    /// A <c>snapshots.json</c> index URL (ours or the Zcash Foundation's); the newest compatible entry
    /// is used. https, or the stack's own private bucket as <c>gs://…</c> / <c>s3://…</c>, read with the
    /// node set's snapshot-reader identity.
    /// </summary>
    public string? Index { get; init; }

    /// <summary>A direct archive URL (instead of an index).</summary>
    public string? Url { get; init; }

    /// <summary>A pinned SHA-256 of the archive, which then wins over any published digest.</summary>
    public string? Sha256 { get; init; }

    /// <summary>
    /// Restore the index entry at exactly this block height (tests against a specific block).
    /// Default: the newest compatible entry.
    /// </summary>
    public long? Height { get; init; }

    /// <summary>
    /// HTTP(S) IPFS gateways, tried in order, through which an <c>ipfs://&lt;cid&gt;[/&lt;path&gt;]</c>
    /// index or url (or index entries) is read; required when index or url is ipfs://. The digest
    /// (index or sha256) authenticates what a gateway serves. Default: none.
    /// </summary>
    public IReadOnlyList<string> IpfsGateways { get; init; } = [];

    /// <summary>
    /// Provision new volumes from the newest CSI volume snapshot of this set's series (network,
    /// implementation, db major), which a snapshot cut with <c>volumeSnapshots.enabled</c> keeps;
    /// the restore from index or url stays, and leaves a cloned state alone. Changes the
    /// StatefulSet's claim template, so turning it on or off replaces the StatefulSet
    /// (docs/volume-snapshots.md). Default false.
    /// </summary>
    public bool VolumeSnapshot { get; init; }

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        foreach (var (key, value) in new[] { ("index", Index), ("url", Url) })
        {
            // The agent reads HTTP(S), buckets directly with the pod's cloud identity, and IPFS through gateways.
            errors.Require(value is null || Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "gs" or "s3" or "ipfs",
                path[key], $"must be an absolute https, http, gs, s3 or ipfs URL, got '{value}'");
            errors.Require(value is null || !value.StartsWith("ipfs://", StringComparison.Ordinal) || IpfsGateways.Count > 0,
                path["ipfsGateways"], $"needs at least one gateway URL to read {key} {value} through");
        }

        for (var i = 0; i < IpfsGateways.Count; i++)
        {
            errors.Require(Uri.TryCreate(IpfsGateways[i], UriKind.Absolute, out var gateway) && gateway.Scheme is "https" or "http" && string.IsNullOrEmpty(gateway.Query) && string.IsNullOrEmpty(gateway.UserInfo),
                path["ipfsGateways"][i], $"must be an absolute http(s) URL without query or credentials, got '{IpfsGateways[i]}'");
        }

        errors.Require(Sha256 is null || (Sha256.Length == 64 && Sha256.All(Uri.IsHexDigit)), path["sha256"], "must be 64 hex digits");
        errors.Require(Height is null || Index is not null, path["height"], "needs an index to choose the entry from (a url names one archive already)");
        errors.Require(Height is null or >= 0, path["height"], $"must be ≥ 0, got {Height}");
    }

    /// <summary>The component's view of the source.</summary>
    public NodeSetSnapshot ToArgs() => new()
    {
        Index = Index is null ? null : new Uri(Index),
        Url = Url is null ? null : new Uri(Url),
        Sha256 = Sha256,
        Height = Height,
        IpfsGateways = [.. IpfsGateways.Select(g => new Uri(g))],
    };
}

/// <summary><c>nodeSets[].storage</c>: each pod's volume.</summary>
public sealed record NodeStorageSettings
{
    /// <summary>Volume size (a Kubernetes quantity). Default: 400Gi zebrad mainnet, 300Gi zcashd mainnet, 50Gi testnet, 10Gi regtest.</summary>
    public string? Size { get; init; }

    /// <summary>Storage class. Default: the cluster's default class.</summary>
    public string? StorageClass { get; init; }

    internal void Validate(SettingsPath path, Network network, NodeImplementation implementation, SettingsErrors errors) =>
        VolumeRules.Validate(path, Size, StorageClass, NodeSizing.MinimumStorage(network, implementation), "400Gi",
            $"for {NodeLabels.Value(implementation)} on {NodeLabels.Value(network)}", errors);
}

/// <summary><c>nodeSets[].resources</c>: CPU and memory of the node container (Kubernetes quantities).</summary>
public sealed record NodeResourceSettings
{
    /// <summary>CPU request. Default: 4 mainnet, 2 testnet, 500m regtest.</summary>
    public string? Cpu { get; init; }

    /// <summary>Memory request (and limit unless memoryLimit is set). Default: 16Gi mainnet, 8Gi testnet, 2Gi regtest.</summary>
    public string? Memory { get; init; }

    /// <summary>CPU limit. Default: none (throttling slows catch-up; the request already reserves the cores).</summary>
    public string? CpuLimit { get; init; }

    /// <summary>Memory limit. Default: the memory request.</summary>
    public string? MemoryLimit { get; init; }

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        foreach (var (key, value) in new[] { ("cpu", Cpu), ("memory", Memory), ("cpuLimit", CpuLimit), ("memoryLimit", MemoryLimit) })
        {
            errors.Require(value is null || Quantity.Parse(value) > 0, path[key], $"must be a positive Kubernetes quantity such as 4 or 16Gi, got '{value}'");
        }

        errors.Require(!(Quantity.Parse(CpuLimit) < Quantity.Parse(Cpu)), path["cpuLimit"], $"must be ≥ cpu ({Cpu}), got {CpuLimit}");
        errors.Require(!(Quantity.Parse(MemoryLimit) < Quantity.Parse(Memory)), path["memoryLimit"], $"must be ≥ memory ({Memory}), got {MemoryLimit}");
    }

    /// <summary>The component's view, with the network's defaults for what is not set.</summary>
    public NodeResources Resolve(Network network)
    {
        var defaults = NodeSizing.DefaultResources(network);
        return new NodeResources(Cpu ?? defaults.Cpu, Memory ?? defaults.Memory, CpuLimit ?? defaults.CpuLimit, MemoryLimit ?? defaults.MemoryLimit);
    }
}

/// <summary><c>nodeSets[].rollout</c>: how a new version or config reaches the pods.</summary>
public sealed record RolloutSettings
{
    /// <summary>
    /// Pods with an ordinal below this keep their revision. Set it to replicas − 1 to roll a new
    /// version onto the last pod only (a canary), then to 0 to finish, or back to roll back. Default 0.
    /// </summary>
    public int Partition { get; init; }

    /// <summary>orderedReady or parallel pod creation when scaling. Default parallel (each node restores on its own).</summary>
    public PodManagement PodManagementPolicy { get; init; } = PodManagement.Parallel;

    internal void Validate(SettingsPath path, int replicas, SettingsErrors errors) =>
        errors.Require(Partition >= 0 && Partition <= Math.Max(replicas, 0), path["partition"], $"must be between 0 and replicas ({replicas}), got {Partition}");
}

/// <summary><c>nodeSets[].zcashd</c>: options only zcashd has.</summary>
public sealed record ZcashdSettings
{
    /// <inheritdoc cref="ZcashdOptions.TxIndex"/>
    public bool TxIndex { get; init; }

    /// <inheritdoc cref="ZcashdOptions.InsightExplorer"/>
    public bool InsightExplorer { get; init; }

    /// <inheritdoc cref="ZcashdOptions.Lightwalletd"/>
    public bool Lightwalletd { get; init; }

    /// <summary>
    /// Run as Zebra's compat sidecar of the named zebrad node set (same network): its only peer,
    /// no listening, no DNS seeding. The only way zcashd runs on mainnet. Default: none.
    /// </summary>
    public string? CompatWith { get; init; }

    internal void Validate(SettingsPath path, NodeSetSettings owner, IReadOnlyList<NodeSetSettings> all, SettingsErrors errors)
    {
        if (CompatWith is not null)
        {
            var target = all.FirstOrDefault(s => s.Name == CompatWith);
            errors.Require(target is { Implementation: NodeImplementation.Zebrad } && target.Network == owner.Network, path["compatWith"],
                $"must name a zebrad node set of this stack on {NodeLabels.Value(owner.Network)}, got '{CompatWith}'");
        }
    }

    /// <summary>The component's view.</summary>
    public ZcashdOptions ToArgs() => new() { TxIndex = TxIndex, InsightExplorer = InsightExplorer, Lightwalletd = Lightwalletd, CompatWith = CompatWith };
}
