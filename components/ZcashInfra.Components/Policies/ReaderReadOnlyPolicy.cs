using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>The snapshot reader's identity can read snapshots and nothing else: no write, no delete, no opaque managed policy.</summary>
public sealed class ReaderReadOnlyPolicy : IPolicy
{
    /// <summary>GCP roles that only read objects.</summary>
    public static readonly IReadOnlySet<string> ReadRoles = new SortedSet<string>(StringComparer.Ordinal)
    {
        "roles/storage.legacyObjectReader",
        "roles/storage.objectViewer",
    };

    /// <summary>S3 actions that only read.</summary>
    public static readonly IReadOnlySet<string> ReadActions = new SortedSet<string>(StringComparer.Ordinal)
    {
        "s3:GetBucketLocation",
        "s3:GetObject",
        "s3:GetObjectVersion",
        "s3:ListBucket",
    };

    /// <inheritdoc />
    public string Id => "reader-read-only";

    /// <inheritdoc />
    public string Description => "the snapshot reader identity may only read (objectViewer; s3:GetObject, s3:ListBucket)";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        var identities = IamGrants.Identities(context.Graph);
        foreach (var grant in IamGrants.In(context.Graph).Where(g => identities.GetValueOrDefault(g.Principal, IdentityKind.Node) == IdentityKind.Reader))
        {
            if (grant.Role is { } role && !ReadRoles.Contains(role))
            {
                yield return new Finding(Id, grant.Path, $"grants {role} to the snapshot reader {grant.Principal}; it may only hold {string.Join(" or ", ReadRoles)}");
            }

            foreach (var action in grant.Actions.Where(a => !ReadActions.Contains(a)).Distinct())
            {
                yield return new Finding(Id, grant.Path, $"allows {action} to the snapshot reader {grant.Principal}; it may only {string.Join(", ", ReadActions)}");
            }

            if (grant.ManagedPolicy is { } arn)
            {
                yield return new Finding(Id, grant.Path, $"attaches {arn} to the snapshot reader {grant.Principal}; its rights must be an inline read-only policy");
            }
        }
    }
}
