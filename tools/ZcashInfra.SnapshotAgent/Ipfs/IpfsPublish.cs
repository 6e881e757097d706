namespace ZcashInfra.SnapshotAgent.Ipfs;

/// <summary>
/// Where publish puts the archive when its target is an IPFS node: added (pinned) to
/// <paramref name="Kubo"/>, optionally also pinned at a remote provider. The index still lives in
/// a store (<c>--index-to</c>), because an index that changes needs a mutable home.
/// </summary>
public sealed record IpfsPublish(KuboRpcClient Kubo, PinningServiceClient? Pinning);
