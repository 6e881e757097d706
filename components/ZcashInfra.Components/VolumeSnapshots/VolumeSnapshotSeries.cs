using System.Globalization;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.VolumeSnapshots;

/// <summary>
/// The volume snapshots one snapshot cut keeps and node sets restore: every snapshot of a cut has
/// the same network, implementation and database major (its series labels), and the newest is
/// reachable under one fixed name, the alias, which PVC templates reference.
/// </summary>
/// <param name="Network">The network.</param>
/// <param name="Implementation">zebrad or zcashd.</param>
/// <param name="DbMajor">The state's database major version (a state of another major does not load).</param>
public sealed record VolumeSnapshotSeries(Network Network, NodeImplementation Implementation, int DbMajor)
{
    /// <summary>The series labels (the label keys of <see cref="NodeLabels"/>): what pruning matches and what makes two snapshots interchangeable.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels =>
    [
        KeyValuePair.Create(NodeLabels.NetworkKey, NodeLabels.Value(Network)),
        KeyValuePair.Create(NodeLabels.ImplementationKey, NodeLabels.Value(Implementation)),
        KeyValuePair.Create(NodeLabels.DbMajorKey, DbMajor.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary><c>zebrad-mainnet-v29</c>: the prefix of every snapshot name of the series.</summary>
    public string Prefix => $"{NodeLabels.Value(Implementation)}-{NodeLabels.Value(Network)}-v{DbMajor.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// <c>zebrad-mainnet-v29-latest</c>: the fixed-name VolumeSnapshot the snapshot job re-points to
    /// its newest snapshot, so a StatefulSet's claim template names one source forever.
    /// </summary>
    public string AliasName => $"{Prefix}-latest";
}
