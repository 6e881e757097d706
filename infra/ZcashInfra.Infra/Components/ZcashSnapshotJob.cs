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

/// <summary>
/// The snapshot job as a reusable Pulumi component (<c>zcash-infra:index:SnapshotJob</c>):
/// <c>new ZcashSnapshotJob("snapshot-testnet-zebrad", new SnapshotJobArgs { … }, provider)</c> in any
/// Pulumi C# program; its pods run as the snapshot writer (see <see cref="ZcashSnapshotAccess"/>).
/// </summary>
public sealed class ZcashSnapshotJob : GraphComponentResource
{
    /// <summary>Declares the job and its children.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="args">The component's own arguments (<see cref="SnapshotJobArgs"/>); its provider path is set here.</param>
    /// <param name="provider">The Kubernetes provider. Default: the program's default Kubernetes provider.</param>
    /// <param name="options">Resource options.</param>
    public ZcashSnapshotJob(string name, SnapshotJobArgs args, ProviderResource? provider = null, ComponentResourceOptions? options = null)
        : base(SnapshotJobComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var indexes = args.RestoreIndexes.IsDefaultOrEmpty
            ? [FoundationSnapshots.Index(args.Release.Network) ?? throw new ArgumentException("regtest has no snapshots", nameof(args))]
            : args.RestoreIndexes;
        var outputs = SnapshotJobComponent.Declare(fragment.Root, name, args with { RestoreIndexes = indexes, Provider = fragment.Provider("kubernetes", provider) });
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
