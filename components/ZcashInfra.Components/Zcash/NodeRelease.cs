using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Zcash;

/// <summary>
/// The release a Zcash node runs: network, implementation, version, image and state format,
/// declared once for node sets, the snapshot job and ephemeral environments, with what follows
/// from them (<see cref="ImageReference"/>, <see cref="ResolvedDbMajor"/>) and their rules
/// (<see cref="Problems"/>) beside them.
/// </summary>
public sealed record NodeRelease
{
    /// <summary>mainnet, testnet or regtest. Required.</summary>
    public required Network Network { get; init; }

    /// <summary>The implementation a release runs unless it says otherwise (node sets, snapshot cuts and their settings alike).</summary>
    public const NodeImplementation DefaultImplementation = NodeImplementation.Zebrad;

    /// <summary>zebrad or zcashd. Default zebrad.</summary>
    public NodeImplementation Implementation { get; init; } = DefaultImplementation;

    /// <summary>The release to run, which is the image tag, e.g. <c>6.3.0</c> for zebrad (<c>v</c> is added or dropped as the publisher tags it). Required.</summary>
    public required string Version { get; init; }

    /// <summary>Image repository, without tag or digest. Default: <c>zfnd/zebra</c> for zebrad, <c>electriccoinco/zcashd</c> for zcashd.</summary>
    public string? Image { get; init; }

    /// <summary>Image digest (<c>sha256:…</c>) pinning the tag to exact bytes. Default: none (the tag alone).</summary>
    public string? ImageDigest { get; init; }

    /// <summary>
    /// zebrad's database major version (the state format a snapshot must have). Default: the one
    /// known for the version (28 for 6.x, 29 for 7.x); required for a version this release does not know.
    /// </summary>
    public int? DbMajor { get; init; }

    /// <summary>zcashd-only options (index flags, compat sidecar). Default: none.</summary>
    public ZcashdOptions Zcashd { get; init; } = new();

    /// <summary>True for zebrad.</summary>
    public bool IsZebra => Implementation == NodeImplementation.Zebrad;

    /// <summary>The image repository, with the implementation's default (<see cref="NodeImages.Repository"/>).</summary>
    public string Repository => Image ?? NodeImages.Repository(Implementation);

    /// <summary>The full image reference, <c>repository:tag[@digest]</c> (<see cref="NodeImages.Reference"/>).</summary>
    public string ImageReference => NodeImages.Reference(Implementation, Image, Version, ImageDigest);

    /// <summary>
    /// The state format a node of this release restores and a cut of it records: <see cref="DbMajor"/>,
    /// else the one <see cref="NodeVersions"/> knows (always for zcashd), else null (which
    /// <see cref="Problems"/> reports).
    /// </summary>
    public int? ResolvedDbMajor => DbMajor ?? (Version is not null && NodeVersions.IsRelease(Version) ? NodeVersions.DbMajor(Implementation, Version) : null);

    /// <summary>Every rule of a release, each problem at its key (relative; callers prefix their own path).</summary>
    public IEnumerable<ArgsProblem> Problems(NodeReleaseUse use)
    {
        var cut = use == NodeReleaseUse.SnapshotCut;
        if (ZcashdEndOfLife.Forbids(Network, Implementation, compatSidecar: !cut && Zcashd.CompatWith is not null))
        {
            yield return new("implementation", ZcashdEndOfLife.Problem
                + (cut ? "; cut zebrad snapshots" : "; use zebrad, or run zcashd as Zebra's compat sidecar (zcashd.compatWith)"));
        }

        var release = !string.IsNullOrWhiteSpace(Version) && NodeVersions.IsRelease(Version);
        if (string.IsNullOrWhiteSpace(Version))
        {
            yield return new("version", "is required");
        }
        else if (!release)
        {
            yield return new("version", $"must be a release version (the image tag) such as 6.3.0, got '{Version}'");
        }

        foreach (var problem in ImageProblems())
        {
            yield return problem;
        }

        if (!IsZebra && DbMajor is not null)
        {
            yield return new("dbMajor", $"only applies to zebrad (zcashd snapshots record state format {NodeVersions.ZcashdStateFormat})");
        }
        else if (IsZebra && release && ZebraDbMajorProblem(cut) is { } dbMajor)
        {
            yield return dbMajor;
        }

        if (IsZebra && Zcashd != new ZcashdOptions())
        {
            yield return new("zcashd", cut ? "only applies to zcashd cuts" : "only applies to zcashd node sets");
        }
        else if (cut && Zcashd.CompatWith is not null)
        {
            yield return new("zcashd.compatWith", "only applies to node sets (a cut's node runs without a zebrad beside it)");
        }
    }

    private IEnumerable<ArgsProblem> ImageProblems()
    {
        if (Image is not null)
        {
            var lastSegment = Image[(Image.LastIndexOf('/') + 1)..];
            if (Image.Length == 0 || lastSegment.Contains(':', StringComparison.Ordinal) || Image.Contains('@', StringComparison.Ordinal) || Image.Any(char.IsWhiteSpace))
            {
                yield return new("image", $"must be a repository without tag or digest (version and imageDigest pin it), got '{Image}'");
            }
        }

        if (ImageDigest is not null && !(ImageDigest.StartsWith("sha256:", StringComparison.Ordinal) && ImageDigest.Length == 71
            && ImageDigest[7..].All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')))
        {
            yield return new("imageDigest", $"must be sha256: followed by 64 lowercase hex digits, got '{ImageDigest}'");
        }
    }

    private ArgsProblem? ZebraDbMajorProblem(bool cut)
    {
        var known = NodeVersions.ZebraDbMajor(Version);
        return DbMajor switch
        {
            null when known is null => new("dbMajor", $"is required: the database major version of zebrad {Version} is not known to this release"),
            < 1 => new("dbMajor", $"must be ≥ 1, got {DbMajor}"),
            { } given when known is not null && given != known => new("dbMajor", $"zebrad {Version} reads database major {known}, got {given} "
                + (cut ? "(its snapshots would not fit the nodes)" : "(a state of another major is ignored and the node syncs from genesis)")),
            _ => null,
        };
    }
}
