namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>
/// What <c>create</c> writes beside an archive (<c>&lt;archive&gt;.manifest.json</c>) and
/// <c>publish</c> uploads: everything a reader needs to judge compatibility before downloading.
/// </summary>
public sealed record SnapshotManifest
{
    public required string Archive { get; init; }

    public required string Network { get; init; }

    public required string Implementation { get; init; }

    public required long Height { get; init; }

    public required int DbMajor { get; init; }

    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    public required string Format { get; init; }

    public ZcashdFlags? Flags { get; init; }

    public string? ZebradVersion { get; init; }

    public long Files { get; init; }

    public long UncompressedBytes { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? AgentVersion { get; init; }
}
