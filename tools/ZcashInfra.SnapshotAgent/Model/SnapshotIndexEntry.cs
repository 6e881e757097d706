using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>
/// One entry of a network's <c>snapshots.json</c>, in the Zcash Foundation's format (<c>url</c>,
/// <c>roles</c>, <c>height</c>, <c>db_major</c>, <c>sha256</c>, <c>zebrad_version</c>,
/// <c>manifest_url</c>) plus the fields our publisher adds (<c>network</c>, <c>implementation</c>,
/// <c>flags</c>, <c>size</c>, <c>created_at</c>, <c>cid</c>). Ours are optional so the Foundation's index
/// parses; fields neither of us knows are kept (<see cref="Extra"/>) so rewriting an index never
/// drops someone else's data.
/// </summary>
public sealed record SnapshotIndexEntry
{
    public required string Url { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    public long Height { get; init; }

    public int DbMajor { get; init; }

    public string? Sha256 { get; init; }

    public string? ZebradVersion { get; init; }

    public string? ManifestUrl { get; init; }

    public string? Network { get; init; }

    public string? Implementation { get; init; }

    public ZcashdFlags? Flags { get; init; }

    public long? Size { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The archive's IPFS CID as the node that added it returned it, when published to IPFS (<c>url</c> is then <c>ipfs://&lt;cid&gt;</c>).</summary>
    public string? Cid { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The role the newest entry carries.</summary>
    public const string LatestRole = "latest";

    [JsonIgnore]
    public bool IsLatest => Roles.Contains(LatestRole);
}
