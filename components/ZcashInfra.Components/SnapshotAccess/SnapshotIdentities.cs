using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.SnapshotAccess;

/// <summary>
/// The two Kubernetes service accounts that touch the snapshot bucket, named once: node sets run as
/// the reader (restore only), the snapshot job as the writer (publish). The cloud side binds each to
/// its own cloud identity with exactly the bucket permissions its role needs.
/// </summary>
public static class SnapshotIdentities
{
    /// <summary>Default namespace of both service accounts (a stack may give its node sets another one).</summary>
    public const string Namespace = Namespaces.Zcash;

    /// <summary>Service account of node pods (restore init container): read-only.</summary>
    public const string ReaderServiceAccount = "zcash-snapshot-reader";

    /// <summary>Service account of the snapshot job (create + publish): read-write.</summary>
    public const string WriterServiceAccount = "zcash-snapshot-writer";
}
