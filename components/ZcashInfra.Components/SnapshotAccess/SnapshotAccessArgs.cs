using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.SnapshotAccess;

/// <summary>Arguments of <see cref="SnapshotAccessComponent"/>: who may read and who may write the snapshot bucket.</summary>
public sealed record SnapshotAccessArgs
{
    /// <summary>Graph path of the explicit Kubernetes provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string KubernetesProvider { get; init; } = string.Empty;

    /// <summary>Graph path of the <c>zcash</c> Namespace object, when this graph declares it (dependsOn). Default none.</summary>
    public string? NamespacePath { get; init; }

    /// <summary>Namespace of both service accounts (the node sets' and the snapshot job's). Default <see cref="SnapshotIdentities.Namespace"/>.</summary>
    public string Namespace { get; init; } = SnapshotIdentities.Namespace;

    /// <summary>The cloud side: identities and bucket grants. Default none (an existing cluster: service accounts only).</summary>
    public SnapshotCloudAccess? Cloud { get; init; }
}

/// <summary>The cloud identities bound to the snapshot service accounts, and what they may do to the bucket.</summary>
public sealed record SnapshotCloudAccess
{
    /// <summary>GCP (Workload Identity) or AWS (IAM roles for service accounts). Required.</summary>
    public required Cloud Cloud { get; init; }

    /// <summary>Graph path of the explicit cloud provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>The snapshot bucket's physical name. Required.</summary>
    public required string BucketName { get; init; }

    /// <summary>Graph path of the bucket resource, when this graph declares it (dependsOn). Default none.</summary>
    public string? BucketPath { get; init; }

    /// <summary>
    /// AWS: the key prefix the identities are confined to (no leading or trailing '/'). Default empty:
    /// the whole bucket, which holds nothing but snapshots. GCS grants are bucket-level, so a prefix
    /// there is refused.
    /// </summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>GCP: the project of the service accounts and of the cluster's workload pool. Required for gcp.</summary>
    public string? GcpProject { get; init; }

    /// <summary>AWS: the account of the roles. Required for aws.</summary>
    public string? AwsAccountId { get; init; }

    /// <summary>
    /// AWS: the ARN of the cluster's IAM OIDC provider
    /// (<c>arn:aws:iam::&lt;account&gt;:oidc-provider/oidc.eks.&lt;region&gt;.amazonaws.com/id/&lt;id&gt;</c>). Required for aws.
    /// </summary>
    public string? OidcProviderArn { get; init; }

    /// <summary>Reader identity name (service account id / role name). Default <c>zcash-&lt;stack&gt;-snap-read</c> (gcp) / <c>zcash-infra-&lt;stack&gt;-snapshot-reader</c> (aws).</summary>
    public string? ReaderName { get; init; }

    /// <summary>Writer identity name. Default <c>zcash-&lt;stack&gt;-snap-write</c> (gcp) / <c>zcash-infra-&lt;stack&gt;-snapshot-writer</c> (aws).</summary>
    public string? WriterName { get; init; }

    /// <summary>Tags for the IAM roles (the project's own are added). Default none.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>What snapshot access gives the components that use it.</summary>
/// <param name="ComponentPath">Graph path of the component.</param>
/// <param name="ReaderServiceAccountPath">Graph path of the reader ServiceAccount object (node sets depend on it).</param>
/// <param name="WriterServiceAccountPath">Graph path of the writer ServiceAccount object (the snapshot job depends on it).</param>
/// <param name="ReaderIdentity">The reader's cloud identity (service account email or role ARN); null without a cloud.</param>
/// <param name="WriterIdentity">The writer's cloud identity; null without a cloud.</param>
public sealed record SnapshotAccessOutputs(
    string ComponentPath,
    string ReaderServiceAccountPath,
    string WriterServiceAccountPath,
    string? ReaderIdentity,
    string? WriterIdentity);
