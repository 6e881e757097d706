using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Stacks.Settings;

/// <summary>One entry of <c>zcash-infra:nodeSets</c>: a StatefulSet of Zcash full nodes seeded from snapshots.</summary>
public sealed record NodeSetSettings
{
    /// <summary>Name (a DNS label), used for the StatefulSet and its Services. Required.</summary>
    public required string Name { get; init; }

    /// <summary>mainnet, testnet or regtest. Required.</summary>
    public required Network Network { get; init; }

    /// <summary>zebrad (default) or zcashd.</summary>
    public NodeImplementation Implementation { get; init; } = NodeImplementation.Zebrad;

    /// <summary>Image version (tag), e.g. 6.3.0 for zebrad. Required.</summary>
    public required string Version { get; init; }

    /// <summary>Number of replicas. Default 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Expose JSON-RPC (to labelled clients only). Default false.</summary>
    public bool Rpc { get; init; }

    /// <summary>Scrape metrics with a ServiceMonitor. Default false.</summary>
    public bool Monitoring { get; init; }

    /// <summary>Where the node's first state comes from. Default: sync from genesis.</summary>
    public SnapshotSourceSettings? Snapshot { get; init; }

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(KubernetesNames.IsDnsLabel(Name ?? string.Empty), path["name"], KubernetesNames.DnsLabelRule(Name ?? string.Empty));
        errors.NotBlank(Version, path["version"]);
        errors.AtLeast(Replicas, 1, path["replicas"]);
        errors.Require(!(Implementation == NodeImplementation.Zcashd && Network == Network.Mainnet), path["implementation"],
            "zcashd is end-of-life on mainnet (it halts at height 3,417,100); use zebrad");
        Snapshot?.Validate(path["snapshot"], errors);
    }
}

/// <summary>Where a node set's initial state comes from.</summary>
public sealed record SnapshotSourceSettings
{
    /// <summary>A <c>snapshots.json</c> index URL (ours or the Zcash Foundation's); the newest compatible entry is used.</summary>
    public string? Index { get; init; }

    /// <summary>A direct archive URL (instead of an index).</summary>
    public string? Url { get; init; }

    /// <summary>A pinned SHA-256 of the archive, which then wins over any published digest.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Restore the index entry at exactly this block height (tests against a specific block). Default: the newest compatible entry.</summary>
    public long? Height { get; init; }

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require((Index is null) != (Url is null), path, "set exactly one of index or url");
        foreach (var (key, value) in new[] { ("index", Index), ("url", Url) })
        {
            errors.Require(value is null || Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "gs" or "s3",
                path[key], $"must be an absolute https, http, gs or s3 URL, got '{value}'");
        }

        errors.Require(Sha256 is null || (Sha256.Length == 64 && Sha256.All(Uri.IsHexDigit)), path["sha256"], "must be 64 hex digits");
        errors.Require(Height is null || Index is not null, path["height"], "needs an index to choose the entry from (a url names one archive already)");
        errors.Require(Height is null or >= 0, path["height"], $"must be ≥ 0, got {Height}");
    }
}
