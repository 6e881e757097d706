using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.SnapshotAccess;

/// <summary>
/// Who may touch the snapshot bucket: a reader (node pods restoring) and a writer (the snapshot
/// job), each a Kubernetes service account bound to its own cloud identity — Workload Identity on
/// GKE, IAM roles for service accounts on EKS — with exactly the bucket rights its role needs.
/// Without a cloud only the service accounts are declared, so node sets can run as them anywhere.
/// </summary>
public static class SnapshotAccessComponent
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:SnapshotAccess";

    /// <summary>Component output with the reader's cloud identity (policies read it).</summary>
    public const string ReaderIdentityOutput = "readerIdentity";

    /// <summary>Component output with the writer's cloud identity (policies read it).</summary>
    public const string WriterIdentityOutput = "writerIdentity";

    /// <summary>GCS role of the reader: get and list objects.</summary>
    public const string GcsReaderRole = "roles/storage.objectViewer";

    /// <summary>GCS role of the writer: full control of objects, none of the bucket itself.</summary>
    public const string GcsWriterRole = "roles/storage.objectAdmin";

    /// <summary>The annotation that binds a Kubernetes service account to a GCP service account.</summary>
    public const string WorkloadIdentityAnnotation = "iam.gke.io/gcp-service-account";

    /// <summary>The annotation that binds a Kubernetes service account to an IAM role.</summary>
    public const string IrsaAnnotation = "eks.amazonaws.com/role-arn";

    /// <summary>Declares both identities under <paramref name="scope"/>.</summary>
    /// <exception cref="GraphException">A cloud-specific argument is missing or a GCS prefix was asked for.</exception>
    public static SnapshotAccessOutputs Declare(GraphScope scope, string name, SnapshotAccessArgs args)
    {
        var component = scope.Component(Type, name);
        Bound? reader = null, writer = null;
        if (args.Cloud is { } cloud)
        {
            var labels = CloudLabels.For(scope.Stack, "snapshot-access", cloud.Labels);
            var readerName = cloud.ReaderName ?? CloudIdentityNames.Default(cloud.Cloud, scope.Stack, cloud.Cloud == Cloud.Gcp ? "snap-read" : "snapshot-reader");
            var writerName = cloud.WriterName ?? CloudIdentityNames.Default(cloud.Cloud, scope.Stack, cloud.Cloud == Cloud.Gcp ? "snap-write" : "snapshot-writer");
            (reader, writer) = cloud.Cloud switch
            {
                Cloud.Gcp => (
                    DeclareGcp(component, $"{name}-reader", cloud, args.Namespace, readerName, SnapshotIdentities.ReaderServiceAccount, GcsReaderRole, "reads snapshots (node restores)"),
                    DeclareGcp(component, $"{name}-writer", cloud, args.Namespace, writerName, SnapshotIdentities.WriterServiceAccount, GcsWriterRole, "writes snapshots (the snapshot job)")),
                Cloud.Aws => (
                    DeclareAws(component, $"{name}-reader", cloud, args.Namespace, readerName, SnapshotIdentities.ReaderServiceAccount, labels, AwsAccessDocuments.Read(cloud.BucketName, cloud.Prefix), "snapshot-read"),
                    DeclareAws(component, $"{name}-writer", cloud, args.Namespace, writerName, SnapshotIdentities.WriterServiceAccount, labels, AwsAccessDocuments.Write(cloud.BucketName, cloud.Prefix), "snapshot-read-write")),
                _ => throw new ArgumentOutOfRangeException(nameof(args), cloud.Cloud, "unknown cloud"),
            };
        }

        var readerAccount = ServiceAccount(component, $"{name}-reader-service-account", SnapshotIdentities.ReaderServiceAccount, name, args, reader);
        var writerAccount = ServiceAccount(component, $"{name}-writer-service-account", SnapshotIdentities.WriterServiceAccount, name, args, writer);

        component.Output("readerServiceAccount", SnapshotIdentities.ReaderServiceAccount);
        component.Output("writerServiceAccount", SnapshotIdentities.WriterServiceAccount);
        if (reader is not null && writer is not null)
        {
            component.Output(ReaderIdentityOutput, reader.Identity);
            component.Output(WriterIdentityOutput, writer.Identity);
        }

        return new SnapshotAccessOutputs(component.Path!, readerAccount, writerAccount, reader?.Identity, writer?.Identity);
    }

    private static Bound DeclareGcp(GraphScope component, string prefix, SnapshotCloudAccess cloud, string ns, string accountId, string kubernetesAccount, string bucketRole, string purpose)
    {
        if (cloud.Prefix.Length > 0)
        {
            throw new GraphException($"{prefix}: GCS grants are bucket-level; a key prefix ('{cloud.Prefix}') cannot be enforced there — use a dedicated bucket");
        }

        var project = cloud.GcpProject ?? throw new GraphException($"{prefix}: the GCP project is required on gcp");
        var provider = new NodeOptions { Provider = cloud.Provider };
        var email = CloudIdentityNames.GcpEmail(accountId, project);
        var account = component.Resource("gcp:serviceaccount/account:Account", $"{prefix}-account", new JsonObject
        {
            ["accountId"] = accountId,
            ["project"] = project,
            ["displayName"] = $"zcash-infra {component.Stack} snapshot {(bucketRole == GcsReaderRole ? "reader" : "writer")}",
            ["description"] = $"Bound to Kubernetes service account {ns}/{kubernetesAccount}; {purpose}.",
        }, provider);

        // Only this Kubernetes service account of this project's clusters may act as the account.
        var binding = component.Resource("gcp:serviceaccount/iAMMember:IAMMember", $"{prefix}-workload-identity", new JsonObject
        {
            ["serviceAccountId"] = $"projects/{project}/serviceAccounts/{email}",
            ["role"] = "roles/iam.workloadIdentityUser",
            ["member"] = $"serviceAccount:{project}.svc.id.goog[{ns}/{kubernetesAccount}]",
        }, provider with { DependsOn = [account] });

        // On the snapshot bucket only: no project-wide storage role.
        var grant = component.Resource("gcp:storage/bucketIAMMember:BucketIAMMember", $"{prefix}-bucket", new JsonObject
        {
            ["bucket"] = cloud.BucketName,
            ["role"] = bucketRole,
            ["member"] = $"serviceAccount:{email}",
        }, provider with { DependsOn = cloud.BucketPath is null ? [account] : [account, cloud.BucketPath] });

        return new Bound(email, WorkloadIdentityAnnotation, [binding, grant]);
    }

    private static Bound DeclareAws(
        GraphScope component, string prefix, SnapshotCloudAccess cloud, string ns, string roleName, string kubernetesAccount,
        SortedDictionary<string, string> tags, JsonObject policy, string policyName)
    {
        var account = cloud.AwsAccountId ?? throw new GraphException($"{prefix}: the AWS account id is required on aws");
        var oidc = cloud.OidcProviderArn ?? throw new GraphException($"{prefix}: the cluster's OIDC provider ARN is required on aws");
        var provider = new NodeOptions { Provider = cloud.Provider };
        var role = component.Resource("aws:iam/role:Role", $"{prefix}-role", new JsonObject
        {
            ["name"] = roleName,
            ["description"] = $"zcash-infra {component.Stack}: assumed by Kubernetes service account {ns}/{kubernetesAccount} only",
            ["assumeRolePolicy"] = AwsAccessDocuments.Trust(oidc, ns, kubernetesAccount).ToJsonString(),
            ["tags"] = new JsonObject(tags.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        }, provider);

        // Inline, so the rights live and die with the role and cannot be attached anywhere else.
        var rights = component.Resource("aws:iam/rolePolicy:RolePolicy", $"{prefix}-policy", new JsonObject
        {
            ["name"] = policyName,
            ["role"] = roleName,
            ["policy"] = policy.ToJsonString(),
        }, provider with { DependsOn = cloud.BucketPath is null ? [role] : [role, cloud.BucketPath] });

        return new Bound(CloudIdentityNames.AwsRoleArn(account, roleName), IrsaAnnotation, [role, rights]);
    }

    private static string ServiceAccount(GraphScope component, string logicalName, string accountName, string instance, SnapshotAccessArgs args, Bound? bound)
    {
        var metadata = KubernetesObjects.Metadata(accountName, args.Namespace, "snapshot-access", instance);
        if (bound is not null)
        {
            metadata["annotations"] = new JsonObject { [bound.Annotation] = bound.Identity };
        }

        // A pod that runs as the account is ready to use its cloud identity as soon as it exists.
        List<string> dependsOn = [.. bound?.Grants ?? [], .. args.NamespacePath is null ? [] : new[] { args.NamespacePath }];
        return KubernetesObjects.Declare(component, logicalName, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = metadata,

            // Zcash nodes and the snapshot job never call the Kubernetes API; cloud credentials come
            // from the metadata server (GKE) or a projected token the IRSA webhook mounts (EKS).
            ["automountServiceAccountToken"] = false,
        }, args.KubernetesProvider, new NodeOptions { DependsOn = [.. dependsOn] });
    }

    /// <summary>A cloud identity bound to a Kubernetes service account.</summary>
    private sealed record Bound(string Identity, string Annotation, IReadOnlyList<string> Grants);
}
