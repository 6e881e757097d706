namespace ZcashInfra.Cluster.Status;

/// <summary>What to look at for one stack (the Automation layer fills it from the stack's declarations).</summary>
/// <param name="Stack">The stack.</param>
/// <param name="NodeSets">Its node sets.</param>
/// <param name="Cuts">Its snapshot cuts.</param>
/// <param name="Workers">Its CI workers, when it has them.</param>
public sealed record StatusTarget(string Stack, IReadOnlyList<NodeSetProbe> NodeSets, IReadOnlyList<CutProbe> Cuts, WorkerProbe? Workers);

/// <summary>A node set.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Network">Its network (node sets of one network share a network tip).</param>
/// <param name="LabelSelector">Selects its pods.</param>
/// <param name="Replicas">Declared replicas.</param>
/// <param name="RpcPort">RPC port, null when RPC is off (no tips then).</param>
/// <param name="RestoreContainer">The restore init container.</param>
public sealed record NodeSetProbe(string Name, string Namespace, string Network, string LabelSelector, int Replicas, int? RpcPort, string RestoreContainer);

/// <summary>A snapshot cut.</summary>
/// <param name="Name">Its job name.</param>
/// <param name="Namespace">Where its volume snapshots are.</param>
/// <param name="Network">Its network.</param>
/// <param name="IndexUrl">The stack's own index for the network.</param>
/// <param name="VolumeSnapshotSelector">Selects its volume snapshots.</param>
public sealed record CutProbe(string Name, string Namespace, string Network, Uri? IndexUrl, string VolumeSnapshotSelector);

/// <summary>The CI workers' StatefulSet.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="StatefulSet">Its name.</param>
/// <param name="MaxWorkers">The declared maximum.</param>
public sealed record WorkerProbe(string Namespace, string StatefulSet, int MaxWorkers);
