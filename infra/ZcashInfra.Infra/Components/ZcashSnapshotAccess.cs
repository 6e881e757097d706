using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>Arguments of <see cref="ZcashSnapshotAccess"/> (the same decisions as <see cref="SnapshotAccessArgs"/>).</summary>
public sealed class ZcashSnapshotAccessArgs
{
    /// <summary>The Kubernetes provider for the service accounts (namespace <c>zcash</c> must exist). Default: the program's default.</summary>
    public ProviderResource? KubernetesProvider { get; init; }

    /// <summary>GCP (Workload Identity) or AWS (IRSA); null declares the Kubernetes service accounts only. Default null.</summary>
    public Cloud? Cloud { get; init; }

    /// <summary>The cloud provider. Default: the program's default provider for that cloud.</summary>
    public ProviderResource? CloudProvider { get; init; }

    /// <summary>The snapshot bucket's name. Required with a cloud.</summary>
    public string? BucketName { get; init; }

    /// <summary>AWS: key prefix the identities are confined to. Default: the whole bucket.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>GCP: the project. Required for gcp.</summary>
    public string? GcpProject { get; init; }

    /// <summary>AWS: the account id. Required for aws.</summary>
    public string? AwsAccountId { get; init; }

    /// <summary>AWS: the cluster's IAM OIDC provider ARN. Required for aws.</summary>
    public string? OidcProviderArn { get; init; }

    /// <summary>Reader identity name. Default derived from the stack name.</summary>
    public string? ReaderName { get; init; }

    /// <summary>Writer identity name. Default derived from the stack name.</summary>
    public string? WriterName { get; init; }

    /// <summary>Tags for IAM roles (the project's own are added). Default none.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The snapshot reader and writer (Kubernetes service accounts bound to least-privilege cloud
/// identities) as a reusable Pulumi component (<c>zcash-infra:index:SnapshotAccess</c>).
/// </summary>
public sealed class ZcashSnapshotAccess : GraphComponentResource
{
    /// <summary>Declares both identities and their service accounts.</summary>
    public ZcashSnapshotAccess(string name, ZcashSnapshotAccessArgs args, ComponentResourceOptions? options = null)
        : base(SnapshotAccess.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var kubernetes = fragment.Provider("kubernetes", args.KubernetesProvider);
        SnapshotCloudAccess? cloud = null;
        if (args.Cloud is { } kind)
        {
            var provider = fragment.Provider(kind.ToString().ToLowerInvariant(), args.CloudProvider);
            cloud = new SnapshotCloudAccess
            {
                Cloud = kind,
                Provider = provider,
                BucketName = args.BucketName ?? throw new ArgumentException("BucketName is required with a cloud", nameof(args)),
                Prefix = args.Prefix,
                GcpProject = args.GcpProject,
                AwsAccountId = args.AwsAccountId,
                OidcProviderArn = args.OidcProviderArn,
                ReaderName = args.ReaderName,
                WriterName = args.WriterName,
                Labels = args.Labels,
            };
        }

        var outputs = SnapshotAccess.Declare(fragment.Root, name, new SnapshotAccessArgs { KubernetesProvider = kubernetes, Cloud = cloud });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        ReaderServiceAccount = bound.Describing(SnapshotIdentities.ReaderServiceAccount);
        WriterServiceAccount = bound.Describing(SnapshotIdentities.WriterServiceAccount);
        ReaderIdentity = bound.Describing(outputs.ReaderIdentity ?? string.Empty);
        WriterIdentity = bound.Describing(outputs.WriterIdentity ?? string.Empty);
        Complete(new Dictionary<string, object?>
        {
            ["readerServiceAccount"] = ReaderServiceAccount,
            ["writerServiceAccount"] = WriterServiceAccount,
            [SnapshotAccess.ReaderIdentityOutput] = ReaderIdentity,
            [SnapshotAccess.WriterIdentityOutput] = WriterIdentity,
        });
    }

    /// <summary>The reader's Kubernetes service account (namespace <c>zcash</c>): node pods run as it.</summary>
    [Output("readerServiceAccount")]
    public Output<string> ReaderServiceAccount { get; private set; }

    /// <summary>The writer's Kubernetes service account: the snapshot job runs as it.</summary>
    [Output("writerServiceAccount")]
    public Output<string> WriterServiceAccount { get; private set; }

    /// <summary>The reader's cloud identity (email or role ARN); empty without a cloud.</summary>
    [Output("readerIdentity")]
    public Output<string> ReaderIdentity { get; private set; }

    /// <summary>The writer's cloud identity; empty without a cloud.</summary>
    [Output("writerIdentity")]
    public Output<string> WriterIdentity { get; private set; }
}
