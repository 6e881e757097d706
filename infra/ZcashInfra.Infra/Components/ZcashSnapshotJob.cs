using System.Collections.Immutable;
using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>Arguments of <see cref="ZcashSnapshotJob"/> (the same decisions, and defaults, as <see cref="SnapshotJobArgs"/>).</summary>
public sealed class ZcashSnapshotJobArgs
{
    /// <summary>mainnet or testnet. Required.</summary>
    public required Network Network { get; init; }

    /// <summary>zebrad or zcashd (testnet only). Default zebrad.</summary>
    public NodeImplementation Implementation { get; init; } = NodeImplementation.Zebrad;

    /// <summary>The node's release (image tag). Required.</summary>
    public required string Version { get; init; }

    /// <summary>Image repository. Default: the implementation's published image.</summary>
    public string? Image { get; init; }

    /// <summary>Image digest (<c>sha256:…</c>). Default: none.</summary>
    public string? ImageDigest { get; init; }

    /// <summary>Database major version. Default: the one known for the version.</summary>
    public int? DbMajor { get; init; }

    /// <summary>zcashd's index flags. Default: none.</summary>
    public ZcashdOptions Zcashd { get; init; } = new();

    /// <summary>Cron schedule (UTC). Required.</summary>
    public required string Schedule { get; init; }

    /// <summary>Suspend the schedule (runs by hand only). Default false.</summary>
    public bool Suspend { get; init; }

    /// <summary>Where the node stops. Default: 1000 blocks (zebrad) below the tip of <see cref="SnapshotJobTarget.TipNodeSet"/>, which must then be set.</summary>
    public SnapshotJobTarget Target { get; init; } = new();

    /// <summary>Indexes to restore the newest compatible snapshot from. Default: the Zcash Foundation's index of the network.</summary>
    public IReadOnlyList<Uri>? RestoreIndexes { get; init; }

    /// <summary>Where snapshots are published. Required.</summary>
    public required SnapshotJobStore Store { get; init; }

    /// <summary>Scratch volume size. Default: the network's.</summary>
    public string? ScratchSize { get; init; }

    /// <summary>Scratch volume storage class. Default: the cluster's default.</summary>
    public string? StorageClass { get; init; }

    /// <summary>CPU and memory of the node. Default: the network's sizing.</summary>
    public NodeResources? Resources { get; init; }

    /// <summary>Also keep CSI volume snapshots of the state (<see cref="SnapshotJobArgs.VolumeSnapshots"/>). Default: none.</summary>
    public SnapshotJobVolumeSnapshots? VolumeSnapshots { get; init; }

    /// <summary>Deadline of one run. Default: 4 h mainnet, 2 h testnet.</summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>Refuse a schedule that cannot keep the newest snapshot within this age of the tip. Default: not checked.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>A peer group whose peers Service the node adds to its initial peers. Default: none.</summary>
    public string? PeerGroup { get; init; }

    /// <summary>The snapshot agent image. Default <see cref="SnapshotAgentImage.Default"/>.</summary>
    public string AgentImage { get; init; } = SnapshotAgentImage.Default;

    /// <summary>Namespace. Default <see cref="Namespaces.Zcash"/>.</summary>
    public string Namespace { get; init; } = Namespaces.Zcash;

    /// <summary>Service account of the pods. Default <see cref="SnapshotIdentities.WriterServiceAccount"/>.</summary>
    public string ServiceAccount { get; init; } = SnapshotIdentities.WriterServiceAccount;

    /// <summary>The Kubernetes provider. Default: the program's default Kubernetes provider.</summary>
    public ProviderResource? Provider { get; init; }
}

/// <summary>
/// The snapshot job as a reusable Pulumi component (<c>zcash-infra:index:SnapshotJob</c>):
/// <c>new ZcashSnapshotJob("snapshot-testnet-zebrad", new ZcashSnapshotJobArgs { … })</c> in any
/// Pulumi C# program; its pods run as the snapshot writer (see <see cref="ZcashSnapshotAccess"/>).
/// </summary>
public sealed class ZcashSnapshotJob : GraphComponentResource
{
    /// <summary>Declares the job and its children.</summary>
    public ZcashSnapshotJob(string name, ZcashSnapshotJobArgs args, ComponentResourceOptions? options = null)
        : base(SnapshotJob.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var provider = fragment.Provider("kubernetes", args.Provider);
        var indexes = args.RestoreIndexes ?? [FoundationSnapshots.Index(args.Network) ?? throw new ArgumentException("regtest has no snapshots", nameof(args))];
        var outputs = SnapshotJob.Declare(fragment.Root, name, new SnapshotJobArgs
        {
            Network = args.Network,
            Implementation = args.Implementation,
            Version = args.Version,
            Image = args.Image,
            ImageDigest = args.ImageDigest,
            DbMajor = args.DbMajor,
            Zcashd = args.Zcashd,
            Schedule = args.Schedule,
            Suspend = args.Suspend,
            Target = args.Target,
            RestoreIndexes = [.. indexes],
            Store = args.Store,
            ScratchSize = args.ScratchSize,
            StorageClass = args.StorageClass,
            Resources = args.Resources,
            VolumeSnapshots = args.VolumeSnapshots,
            Deadline = args.Deadline,
            MaxAge = args.MaxAge,
            PeerGroup = args.PeerGroup,
            AgentImage = args.AgentImage,
            Namespace = args.Namespace,
            ServiceAccount = args.ServiceAccount,
            Provider = provider,
        });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        CronJobName = bound.Describing(outputs.CronJobName);
        Schedule = bound.Describing(args.Schedule);
        Complete(new Dictionary<string, object?>
        {
            ["cronJobName"] = CronJobName,
            ["schedule"] = Schedule,
        });
    }

    /// <summary>The CronJob's name (<c>kubectl create job --from=cronjob/&lt;name&gt;</c>).</summary>
    [Output("cronJobName")]
    public Output<string> CronJobName { get; private set; }

    /// <summary>The cron schedule (UTC).</summary>
    [Output("schedule")]
    public Output<string> Schedule { get; private set; }
}
