using System.Globalization;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.SnapshotJob;

/// <summary>
/// The snapshot agent's command lines in a snapshot job (tools/ZcashInfra.SnapshotAgent/README.md,
/// "Commands"): restore, target height, create, publish. Words that are only known inside the pod
/// are shell variables (<c>$height</c>, <c>$archive</c>) that the scripts around them set.
/// </summary>
public static class SnapshotJobSteps
{
    /// <summary>The environment variable a run's explicit target height comes from (empty: the tip minus N).</summary>
    public const string TargetHeightVariable = "TARGET_HEIGHT";

    /// <summary>The shell variable holding the stopped state's height.</summary>
    public const string HeightWord = "$height";

    /// <summary>The shell variable holding the archive's path.</summary>
    public const string ArchiveWord = "$archive";

    /// <summary>
    /// <c>restore-newest</c>: the newest compatible snapshot of the indexes, into the state
    /// directory — the node options are the node sets' restore's own (<see cref="RestoreCommand.NodeArguments"/>).
    /// </summary>
    public static IReadOnlyList<string> Restore(IReadOnlyList<Uri> indexes, Network network, NodeImplementation implementation, int dbMajor, ZcashdOptions zcashd, string? s3Region = null)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        var args = new List<string> { "restore-newest" };
        foreach (var index in indexes)
        {
            args.AddRange(["--index", index.AbsoluteUri]);
        }

        if (s3Region is not null && indexes.Any(i => i.Scheme == "s3"))
        {
            args.AddRange(["--s3-region", s3Region]);
        }

        args.AddRange(RestoreCommand.NodeArguments(network, implementation, dbMajor, zcashd, NodeImages.StateDirectory(implementation, network)));
        return args;
    }

    /// <summary>
    /// <c>target-height</c>: <c>$(TARGET_HEIGHT)</c> (Kubernetes expands it from the container's
    /// environment; empty means none), else the tip of <paramref name="rpc"/> minus
    /// <paramref name="blocksBehindTip"/>; refused unless above the restored snapshot. With a
    /// node to read the tip from, the restore's own <paramref name="indexes"/> are its fallback
    /// when that node gives no answer at all: their newest height plus <paramref name="fallbackAhead"/>
    /// (a fresh cluster's node set may wait for the very volume snapshot this cut creates).
    /// </summary>
    public static IReadOnlyList<string> TargetHeight(string output, Uri? rpc, long? blocksBehindTip, string stateDirectory,
        IReadOnlyList<Uri>? indexes = null, long? fallbackAhead = null, string? s3Region = null)
    {
        var args = new List<string> { "target-height", "--output", output, "--height", $"$({TargetHeightVariable})" };
        if (rpc is not null && blocksBehindTip is { } behind)
        {
            args.AddRange(["--rpc-url", rpc.AbsoluteUri, "--behind-tip", behind.ToString(CultureInfo.InvariantCulture)]);
            if (indexes is { Count: > 0 } && fallbackAhead is { } ahead)
            {
                foreach (var index in indexes)
                {
                    args.AddRange(["--fallback-index", index.AbsoluteUri]);
                }

                args.AddRange(["--fallback-ahead", ahead.ToString(CultureInfo.InvariantCulture)]);
                if (s3Region is not null && indexes.Any(i => i.Scheme == "s3"))
                {
                    args.AddRange(["--s3-region", s3Region]);
                }
            }
        }

        args.AddRange(["--state", stateDirectory]);
        return args;
    }

    /// <summary><c>create</c>: pack the stopped node's state at <see cref="HeightWord"/> into <see cref="ArchiveWord"/>.</summary>
    public static IReadOnlyList<string> Create(Network network, NodeImplementation implementation, int dbMajor, ZcashdOptions zcashd, string version)
    {
        var args = new List<string>
        {
            "create",
            "--source", NodeImages.StateDirectory(implementation, network),
            "--network", NodeLabels.Value(network),
            "--implementation", NodeLabels.Value(implementation),
            "--db-major", dbMajor.ToString(CultureInfo.InvariantCulture),
            "--height", HeightWord,
            "--output", ArchiveWord,
        };
        if (implementation == NodeImplementation.Zebrad)
        {
            args.AddRange(["--zebrad-version", version]);
        }

        args.AddRange(RestoreCommand.ZcashdFlags(implementation, zcashd));
        return args;
    }

    /// <summary><c>publish</c>: upload <see cref="ArchiveWord"/> and update the network's index last, keeping <see cref="SnapshotJobStore.Keep"/> snapshots.</summary>
    public static IReadOnlyList<string> Publish(SnapshotJobStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var args = new List<string> { "publish", "--to", store.BucketUrl, "--archive", ArchiveWord, "--keep", store.Keep.ToString(CultureInfo.InvariantCulture) };
        if (store.PublicBaseUrl is { } publicBase)
        {
            args.AddRange(["--public-base-url", publicBase.AbsoluteUri]);
        }

        if (store.S3Region is { } region)
        {
            args.AddRange(["--s3-region", region]);
        }

        return args;
    }

    /// <summary>Where the publish container finds the pinning token (a Secret volume).</summary>
    public const string PinTokenFile = "/etc/ipfs-pinning/token";

    /// <summary>Where the publish container finds Kubo's Authorization header value (a Secret volume).</summary>
    public const string KuboAuthorizationFile = "/etc/ipfs-api/authorization";

    /// <summary>
    /// <c>publish --to ipfs+http(s)://…</c>: add <see cref="ArchiveWord"/> and its manifest to the
    /// Kubo node (pinned), pin them at the provider when one is set, and update the IPFS index at
    /// <see cref="SnapshotJobIpfs.IndexTo"/>, keeping <see cref="SnapshotJobStore.Keep"/> entries.
    /// Secrets are files the agent reads (tools/ZcashInfra.SnapshotAgent Cli/IpfsPublishOptions.cs).
    /// </summary>
    public static IReadOnlyList<string> PublishIpfs(SnapshotJobIpfs ipfs, SnapshotJobStore store)
    {
        ArgumentNullException.ThrowIfNull(ipfs);
        ArgumentNullException.ThrowIfNull(store);
        var args = new List<string>
        {
            "publish", "--to", ipfs.Target, "--index-to", ipfs.IndexTo, "--archive", ArchiveWord, "--keep", store.Keep.ToString(CultureInfo.InvariantCulture),
        };
        if (ipfs.IndexTo.StartsWith("s3://", StringComparison.Ordinal) && store.S3Region is { } region)
        {
            args.AddRange(["--s3-region", region]);
        }

        if (ipfs.KuboAuthorization is not null)
        {
            args.AddRange(["--ipfs-api-auth-file", KuboAuthorizationFile]);
        }

        if (ipfs.PinService is { } service)
        {
            args.AddRange(["--pin-service", service.AbsoluteUri, "--pin-token-file", PinTokenFile]);
        }

        return args;
    }
}
