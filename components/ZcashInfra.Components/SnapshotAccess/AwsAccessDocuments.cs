using System.Text.Json.Nodes;

namespace ZcashInfra.Components.SnapshotAccess;

/// <summary>
/// The IAM documents of the snapshot identities on AWS: who may assume each role (one Kubernetes
/// service account, through the cluster's OIDC provider) and what each may do to the bucket.
/// </summary>
public static class AwsAccessDocuments
{
    /// <summary>The audience IRSA tokens carry.</summary>
    public const string Audience = "sts.amazonaws.com";

    /// <summary>The reader on the bucket: list keys (a restore picks the newest archive).</summary>
    public static readonly IReadOnlyList<string> ReaderBucketActions = ["s3:ListBucket"];

    /// <summary>The reader on objects: fetch them, nothing else.</summary>
    public static readonly IReadOnlyList<string> ReaderObjectActions = ["s3:GetObject"];

    /// <summary>The writer on the bucket: list keys and unfinished multipart uploads.</summary>
    public static readonly IReadOnlyList<string> WriterBucketActions = ["s3:ListBucket", "s3:ListBucketMultipartUploads"];

    /// <summary>
    /// The writer on objects: read, upload (in parts, and conditionally for the publish lock, which
    /// needs no separate action), prune old snapshots and clean up abandoned uploads.
    /// </summary>
    public static readonly IReadOnlyList<string> WriterObjectActions =
        ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"];

    private const string OidcMarker = ":oidc-provider/";

    /// <summary>The issuer host and path of an IAM OIDC provider ARN (<c>oidc.eks.…/id/…</c>), or null when it is not one.</summary>
    public static string? IssuerOf(string oidcProviderArn)
    {
        var at = oidcProviderArn.IndexOf(OidcMarker, StringComparison.Ordinal);
        return oidcProviderArn.StartsWith("arn:aws", StringComparison.Ordinal) && at > 0 && at + OidcMarker.Length < oidcProviderArn.Length
            ? oidcProviderArn[(at + OidcMarker.Length)..]
            : null;
    }

    /// <summary>The trust policy: only this service account of this cluster, with the STS audience, may assume the role.</summary>
    public static JsonObject Trust(string oidcProviderArn, string @namespace, string serviceAccount)
    {
        var issuer = IssuerOf(oidcProviderArn) ?? throw new ArgumentException($"'{oidcProviderArn}' is not an IAM OIDC provider ARN", nameof(oidcProviderArn));
        return Document(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Federated"] = oidcProviderArn },
            ["Action"] = "sts:AssumeRoleWithWebIdentity",
            ["Condition"] = new JsonObject
            {
                ["StringEquals"] = new JsonObject
                {
                    [$"{issuer}:sub"] = $"system:serviceaccount:{@namespace}:{serviceAccount}",
                    [$"{issuer}:aud"] = Audience,
                },
            },
        });
    }

    /// <summary>Read-only: list the keys under the prefix and fetch objects there.</summary>
    public static JsonObject Read(string bucket, string prefix) =>
        Document(List(bucket, prefix, ReaderBucketActions), Objects(bucket, prefix, "ReadSnapshots", ReaderObjectActions));

    /// <summary>Read-write: the reader's rights plus uploads, deletes and multipart housekeeping under the prefix.</summary>
    public static JsonObject Write(string bucket, string prefix) =>
        Document(List(bucket, prefix, WriterBucketActions), Objects(bucket, prefix, "ReadWriteSnapshots", WriterObjectActions));

    private static JsonObject List(string bucket, string prefix, IReadOnlyList<string> actions)
    {
        var statement = new JsonObject
        {
            ["Sid"] = "ListSnapshots",
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray([.. actions.Select(a => JsonValue.Create(a))]),
            ["Resource"] = $"arn:aws:s3:::{bucket}",
        };
        if (prefix.Length > 0)
        {
            statement["Condition"] = new JsonObject { ["StringLike"] = new JsonObject { ["s3:prefix"] = new JsonArray(prefix, $"{prefix}/*") } };
        }

        return statement;
    }

    private static JsonObject Objects(string bucket, string prefix, string sid, IReadOnlyList<string> actions) => new()
    {
        ["Sid"] = sid,
        ["Effect"] = "Allow",
        ["Action"] = new JsonArray([.. actions.Select(a => JsonValue.Create(a))]),
        ["Resource"] = prefix.Length > 0 ? $"arn:aws:s3:::{bucket}/{prefix}/*" : $"arn:aws:s3:::{bucket}/*",
    };

    private static JsonObject Document(params JsonObject[] statements) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray([.. statements]),
    };
}
