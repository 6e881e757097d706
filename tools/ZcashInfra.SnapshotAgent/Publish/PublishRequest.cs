using ZcashInfra.SnapshotAgent.Ipfs;

namespace ZcashInfra.SnapshotAgent.Publish;

/// <summary>Everything publish needs, as parsed from the command line.</summary>
/// <param name="Archive">The archive create wrote; its <c>.sha256</c> and <c>.manifest.json</c> sit beside it.</param>
/// <param name="PublicBaseUrl">The URL readers use for the store's root (the --to location), when it differs from the store's own.</param>
/// <param name="Retention">How many / how old snapshots the index keeps.</param>
/// <param name="Owner">Lock owner name (pod name by default).</param>
/// <param name="LockTtl">How long a lock is valid if its holder dies.</param>
/// <param name="LockWait">How long to wait for another publisher's lock before failing.</param>
/// <param name="ProgressInterval">How often to log upload progress (null: every 30 s).</param>
/// <param name="Ipfs">When set, the archive and manifest go to this IPFS node instead of the store; the store keeps the index.</param>
public sealed record PublishRequest(
    string Archive,
    Uri? PublicBaseUrl,
    RetentionPolicy Retention,
    string Owner,
    TimeSpan LockTtl,
    TimeSpan LockWait,
    TimeSpan? ProgressInterval = null,
    IpfsPublish? Ipfs = null);
