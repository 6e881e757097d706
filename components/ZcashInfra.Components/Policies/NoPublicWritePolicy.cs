using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>No bucket is ever writable (or listable) by anonymous or all-authenticated principals.</summary>
public sealed class NoPublicWritePolicy : IPolicy
{
    /// <summary>The only roles an anonymous principal may have: read objects by name.</summary>
    private static readonly HashSet<string> PublicReadRoles = new(StringComparer.Ordinal) { "roles/storage.legacyObjectReader" };

    /// <summary>The only actions a public S3 policy statement may allow.</summary>
    private static readonly HashSet<string> PublicReadActions = new(StringComparer.Ordinal) { "s3:GetObject" };

    /// <inheritdoc />
    public string Id => "no-public-write";

    /// <inheritdoc />
    public string Description => "buckets are never publicly writable or listable; public access is object reads only";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var node in context.Graph.Resources)
        {
            switch (node.Type)
            {
                case "gcp:storage/bucketIAMMember:BucketIAMMember" or "gcp:storage/bucketIAMBinding:BucketIAMBinding":
                    var members = node.Inputs["members"] is JsonArray list
                        ? list.Select(m => m?.GetValue<string>()).ToList()
                        : [node.Inputs["member"]?.GetValue<string>()];
                    var role = node.Inputs["role"]?.GetValue<string>() ?? string.Empty;
                    if (members.Any(m => m is "allUsers" or "allAuthenticatedUsers") && !PublicReadRoles.Contains(role))
                    {
                        yield return new Finding(Id, node.Path, $"grants {role} to the public; only {string.Join(", ", PublicReadRoles)} may be public");
                    }

                    break;
                case "aws:s3/bucket:Bucket" or "aws:s3/bucketAcl:BucketAcl" when node.Inputs["acl"]?.GetValue<string>() is "public-read-write" or "authenticated-read":
                    yield return new Finding(Id, node.Path, $"canned ACL {node.Inputs["acl"]} opens the bucket beyond object reads");
                    break;
                case "aws:s3/bucketPolicy:BucketPolicy":
                    foreach (var problem in PublicStatements(node.Inputs["policy"]))
                    {
                        yield return new Finding(Id, node.Path, problem);
                    }

                    break;
            }
        }
    }

    private static IEnumerable<string> PublicStatements(JsonNode? policy)
    {
        var document = policy is JsonValue v && v.TryGetValue<string>(out var text) ? JsonNode.Parse(text) : policy;
        foreach (var statement in document?["Statement"]?.AsArray() ?? [])
        {
            var principal = statement?["Principal"];
            var isPublic = principal is JsonValue p && p.GetValue<string>() == "*"
                || principal?["AWS"] is JsonValue a && a.GetValue<string>() == "*";
            if (!isPublic || statement?["Effect"]?.GetValue<string>() != "Allow")
            {
                continue;
            }

            var actions = statement["Action"] switch
            {
                JsonArray many => many.Select(x => x!.GetValue<string>()).ToList(),
                JsonValue one when one.GetValueKind() == JsonValueKind.String => [one.GetValue<string>()],
                _ => ["(none)"],
            };
            foreach (var action in actions.Where(x => !PublicReadActions.Contains(x)))
            {
                yield return $"allows {action} to everyone; public statements may only allow s3:GetObject";
            }
        }
    }
}
