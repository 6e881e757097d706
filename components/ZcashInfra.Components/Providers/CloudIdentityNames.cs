using System.Text.RegularExpressions;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Providers;

/// <summary>
/// Physical names and addresses of the cloud identities a stack creates, decided from the stack name
/// alone: no resource needs another one's outputs to know an email or ARN.
/// </summary>
public static partial class CloudIdentityNames
{
    /// <summary>GCP service account ids are 6–30 characters.</summary>
    public const int GcpMaxLength = 30;

    /// <summary>IAM role names are at most 64 characters.</summary>
    public const int AwsMaxLength = 64;

    /// <summary>
    /// The default name of a stack's identity for a purpose: <c>zcash-&lt;stack&gt;-&lt;purpose&gt;</c>
    /// (a GCP service account id) or <c>zcash-infra-&lt;stack&gt;-&lt;purpose&gt;</c> (an IAM role name).
    /// </summary>
    /// <exception cref="GraphException">The name would be too long or malformed for the cloud.</exception>
    public static string Default(Cloud cloud, string stack, string purpose)
    {
        var safeStack = Unsafe().Replace(stack.ToLowerInvariant(), "-");
        var name = cloud == Cloud.Gcp ? $"zcash-{safeStack}-{purpose}" : $"zcash-infra-{safeStack}-{purpose}";
        var max = cloud == Cloud.Gcp ? GcpMaxLength : AwsMaxLength;
        if (name.Length > max || (cloud == Cloud.Gcp && !GcpAccountId().IsMatch(name)))
        {
            throw new GraphException(
                $"the {(cloud == Cloud.Gcp ? "GCP service account id" : "IAM role name")} '{name}' derived from stack '{stack}' is longer than {max} characters or malformed; use a shorter stack name");
        }

        return name;
    }

    /// <summary>A GCP service account's email.</summary>
    public static string GcpEmail(string accountId, string project) => $"{accountId}@{project}.iam.gserviceaccount.com";

    /// <summary>An IAM role's ARN.</summary>
    public static string AwsRoleArn(string accountId, string roleName) => $"arn:aws:iam::{accountId}:role/{roleName}";

    /// <summary>The role name in a role ARN (the last path segment), or the text itself when it is not an ARN.</summary>
    public static string AwsRoleName(string roleOrArn) =>
        roleOrArn.StartsWith("arn:", StringComparison.Ordinal) ? roleOrArn[(roleOrArn.LastIndexOf('/') + 1)..] : roleOrArn;

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex Unsafe();

    [GeneratedRegex("^[a-z]([a-z0-9-]{4,28})[a-z0-9]$")]
    private static partial Regex GcpAccountId();
}
