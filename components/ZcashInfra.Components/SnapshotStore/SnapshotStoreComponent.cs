using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.SnapshotStore;

/// <summary>
/// The bucket that holds chain-state snapshots (archives, their <c>.sha256</c> files, manifests
/// and the per-network <c>snapshots.json</c> index): versioned, encrypted, private unless the
/// stack publishes snapshots, with old versions expired.
/// </summary>
public static class SnapshotStoreComponent
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:SnapshotStore";

    /// <summary>Archive suffixes the snapshot format uses.</summary>
    public static readonly IReadOnlyList<string> ArchiveSuffixes = [".tar.zst", ".tar.gz", ".tar"];

    /// <summary>Declares the store under <paramref name="scope"/>.</summary>
    public static SnapshotStoreOutputs Declare(GraphScope scope, string name, SnapshotStoreArgs args)
    {
        var component = scope.Component(Type, name);
        var labels = CloudLabels.For(scope.Stack, "snapshot-store", args.Labels);
        var outputs = args.Cloud switch
        {
            Cloud.Gcp => DeclareGcs(component, name, args, labels),
            Cloud.Aws => DeclareS3(component, name, args, labels),
            _ => throw new ArgumentOutOfRangeException(nameof(args), args.Cloud, "unknown cloud"),
        };
        component.Output("bucketName", outputs.BucketName);
        component.Output("bucketUrl", outputs.BucketUrl);
        component.Output("publicBaseUrl", outputs.PublicBaseUrl);
        return outputs;
    }

    private static SnapshotStoreOutputs DeclareGcs(GraphScope component, string name, SnapshotStoreArgs args, SortedDictionary<string, string> labels)
    {
        var protectedState = NodeOptions.ProtectState(args.ProtectState) with { Provider = args.Provider };
        var rules = new JsonArray
        {
            new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Delete" },
                ["condition"] = new JsonObject { ["daysSinceNoncurrentTime"] = args.NoncurrentVersionDays, ["withState"] = "ARCHIVED" },
            },
        };
        if (args.ArchiveMaxAgeDays > 0)
        {
            rules.Add(new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Delete" },
                ["condition"] = new JsonObject
                {
                    ["age"] = args.ArchiveMaxAgeDays,
                    ["withState"] = "LIVE",
                    ["matchesSuffixes"] = new JsonArray([.. ArchiveSuffixes.Select(s => JsonValue.Create(s))]),
                },
            });
        }

        var bucket = component.Resource("gcp:storage/bucket:Bucket", $"{name}-bucket", new JsonObject
        {
            ["name"] = args.BucketName,
            ["location"] = args.Location.ToUpperInvariant(),
            ["storageClass"] = "STANDARD",
            ["uniformBucketLevelAccess"] = true,
            ["publicAccessPrevention"] = args.PublicRead ? "inherited" : "enforced",
            ["versioning"] = new JsonObject { ["enabled"] = true },
            ["lifecycleRules"] = rules,
            ["forceDestroy"] = !args.ProtectState,
            ["labels"] = Labels(labels),
        }, protectedState);

        string? publicUrl = null;
        if (args.PublicRead)
        {
            // legacyObjectReader grants storage.objects.get only: anyone can fetch an object by
            // name, nobody can list the bucket (objectViewer would allow listing).
            component.Resource("gcp:storage/bucketIAMMember:BucketIAMMember", $"{name}-public-read", new JsonObject
            {
                ["bucket"] = args.BucketName,
                ["role"] = "roles/storage.legacyObjectReader",
                ["member"] = "allUsers",
            }, new NodeOptions { Provider = args.Provider, DependsOn = [bucket] });
            publicUrl = $"https://storage.googleapis.com/{args.BucketName}";
        }

        return new SnapshotStoreOutputs(component.Path!, bucket, args.BucketName, $"gs://{args.BucketName}", publicUrl);
    }

    private static SnapshotStoreOutputs DeclareS3(GraphScope component, string name, SnapshotStoreArgs args, SortedDictionary<string, string> tags)
    {
        var bucket = component.Resource("aws:s3/bucket:Bucket", $"{name}-bucket", new JsonObject
        {
            ["bucket"] = args.BucketName,
            ["forceDestroy"] = !args.ProtectState,
            ["tags"] = Labels(tags),
        }, NodeOptions.ProtectState(args.ProtectState) with { Provider = args.Provider });

        // Everything below configures the bucket, so it follows the bucket and names it by its physical name.
        var child = new NodeOptions { Provider = args.Provider, DependsOn = [bucket] };
        var ownership = component.Resource("aws:s3/bucketOwnershipControls:BucketOwnershipControls", $"{name}-ownership", new JsonObject
        {
            ["bucket"] = args.BucketName,
            ["rule"] = new JsonObject { ["objectOwnership"] = "BucketOwnerEnforced" },
        }, child);
        var publicAccess = component.Resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", $"{name}-public-access", new JsonObject
        {
            ["bucket"] = args.BucketName,
            ["blockPublicAcls"] = true,
            ["ignorePublicAcls"] = true,
            ["blockPublicPolicy"] = !args.PublicRead,
            ["restrictPublicBuckets"] = !args.PublicRead,
        }, child);
        component.Resource("aws:s3/bucketVersioning:BucketVersioning", $"{name}-versioning", new JsonObject
        {
            ["bucket"] = args.BucketName,
            ["versioningConfiguration"] = new JsonObject { ["status"] = "Enabled" },
        }, child);
        component.Resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", $"{name}-encryption", new JsonObject
        {
            ["bucket"] = args.BucketName,
            ["rules"] = new JsonArray
            {
                new JsonObject
                {
                    ["applyServerSideEncryptionByDefault"] = new JsonObject { ["sseAlgorithm"] = "AES256" },
                    ["bucketKeyEnabled"] = true,
                },
            },
        }, child);

        var rules = new JsonArray
        {
            new JsonObject
            {
                ["id"] = "expire-noncurrent-versions",
                ["status"] = "Enabled",
                ["filter"] = new JsonObject { ["prefix"] = string.Empty },
                ["noncurrentVersionExpiration"] = new JsonObject { ["noncurrentDays"] = args.NoncurrentVersionDays },
                ["abortIncompleteMultipartUpload"] = new JsonObject { ["daysAfterInitiation"] = 1 },
            },
        };
        if (args.ArchiveMaxAgeDays > 0)
        {
            foreach (var suffix in ArchiveSuffixes)
            {
                // S3 filters match prefixes only, so old archives are expired per object tag the agent sets.
                rules.Add(new JsonObject
                {
                    ["id"] = "expire-old-archives" + suffix.Replace('.', '-'),
                    ["status"] = "Enabled",
                    ["filter"] = new JsonObject { ["tag"] = new JsonObject { ["key"] = "zcash-snapshot-archive", ["value"] = suffix } },
                    ["expiration"] = new JsonObject { ["days"] = args.ArchiveMaxAgeDays },
                });
            }
        }

        component.Resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", $"{name}-lifecycle", new JsonObject
        {
            ["bucket"] = args.BucketName,
            ["rules"] = rules,
        }, child);

        string? publicUrl = null;
        if (args.PublicRead)
        {
            // GetObject only: anonymous readers fetch the index and archives by name; no list, no write.
            var policy = new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["Sid"] = "PublicReadSnapshots",
                        ["Effect"] = "Allow",
                        ["Principal"] = "*",
                        ["Action"] = "s3:GetObject",
                        ["Resource"] = $"arn:aws:s3:::{args.BucketName}/*",
                    },
                },
            };
            component.Resource("aws:s3/bucketPolicy:BucketPolicy", $"{name}-public-read", new JsonObject
            {
                ["bucket"] = args.BucketName,
                ["policy"] = policy.ToJsonString(),
            }, child with { DependsOn = [bucket, publicAccess, ownership] });
            publicUrl = $"https://{args.BucketName}.s3.{args.Location}.amazonaws.com";
        }

        return new SnapshotStoreOutputs(component.Path!, bucket, args.BucketName, $"s3://{args.BucketName}", publicUrl);
    }

    private static JsonObject Labels(SortedDictionary<string, string> labels) =>
        new(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
}
