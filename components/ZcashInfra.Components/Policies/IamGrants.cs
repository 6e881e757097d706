using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotAccess;

namespace ZcashInfra.Components.Policies;

/// <summary>What a cloud identity of this project is for; policies are stricter for some.</summary>
public enum IdentityKind
{
    /// <summary>The nodes' own identity (GKE node service account, EKS node role).</summary>
    Node,

    /// <summary>The snapshot reader (node restores).</summary>
    Reader,

    /// <summary>The snapshot writer (the snapshot job).</summary>
    Writer,
}

/// <summary>One permission grant found in a graph.</summary>
/// <param name="Path">Graph path of the resource that grants it.</param>
/// <param name="Principal">Who receives it: a GCP service account email, an IAM role name, or the member text as written.</param>
/// <param name="Role">A GCP role, when the grant is one.</param>
/// <param name="Actions">AWS actions allowed (a NotAction statement shows as <c>NotAction</c>, as broad as a wildcard).</param>
/// <param name="ManagedPolicy">An attached managed policy's ARN, when the grant is one.</param>
public sealed record IamGrant(string Path, string Principal, string? Role, IReadOnlyList<string> Actions, string? ManagedPolicy);

/// <summary>
/// Reads permission grants out of a graph (GCP IAM members and bindings, AWS role policies,
/// attachments and inline policies) and which identities are the nodes', the reader's and the
/// writer's (from the outputs of the components that declare them).
/// </summary>
public static class IamGrants
{
    /// <summary>The project's identities by principal (email or role name), from the declaring components' outputs.</summary>
    public static IReadOnlyDictionary<string, IdentityKind> Identities(ResourceGraph graph)
    {
        var kinds = new Dictionary<string, IdentityKind>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => n.Kind == NodeKind.Component))
        {
            foreach (var output in node.Outputs)
            {
                IdentityKind? kind = (node.Type, output.Name) switch
                {
                    (NodePoolsComponent.Type, NodePoolsComponent.IdentityOutput) => IdentityKind.Node,
                    (SnapshotAccessComponent.Type, SnapshotAccessComponent.ReaderIdentityOutput) => IdentityKind.Reader,
                    (SnapshotAccessComponent.Type, SnapshotAccessComponent.WriterIdentityOutput) => IdentityKind.Writer,
                    _ => null,
                };
                if (kind is { } k && output.Value is JsonValue v && v.TryGetValue<string>(out var identity))
                {
                    kinds[Principal(identity)] = k;
                }
            }
        }

        return kinds;
    }

    /// <summary>Every grant in the graph.</summary>
    public static IEnumerable<IamGrant> In(ResourceGraph graph)
    {
        var customerPolicies = graph.Resources.Where(n => n.Type == "aws:iam/policy:Policy" && Text(n.Inputs["name"]) is not null)
            .ToDictionary(n => Text(n.Inputs["name"])!, n => n.Inputs["policy"], StringComparer.Ordinal);
        foreach (var node in graph.Resources)
        {
            switch (node.Type)
            {
                case "gcp:storage/bucketIAMMember:BucketIAMMember" or "gcp:projects/iAMMember:IAMMember" or "gcp:serviceaccount/iAMMember:IAMMember"
                    or "gcp:storage/bucketIAMBinding:BucketIAMBinding" or "gcp:projects/iAMBinding:IAMBinding" or "gcp:serviceaccount/iAMBinding:IAMBinding":
                    var members = node.Inputs["members"] is JsonArray list ? list.Select(Text) : [Text(node.Inputs["member"])];
                    foreach (var member in members.OfType<string>())
                    {
                        yield return new IamGrant(node.Path, Principal(member), Text(node.Inputs["role"]), [], null);
                    }

                    break;
                case "aws:iam/rolePolicy:RolePolicy" when Text(node.Inputs["role"]) is { } role:
                    yield return new IamGrant(node.Path, Principal(role), null, AllowedActions(node.Inputs["policy"]), null);
                    break;
                case "aws:iam/rolePolicyAttachment:RolePolicyAttachment" when Text(node.Inputs["role"]) is { } role:
                    var arn = Text(node.Inputs["policyArn"]) ?? string.Empty;
                    yield return !arn.StartsWith("arn:aws:iam::aws:", StringComparison.Ordinal)
                        && customerPolicies.TryGetValue(arn[(arn.LastIndexOf('/') + 1)..], out var document)
                        ? new IamGrant(node.Path, Principal(role), null, AllowedActions(document), null)
                        : new IamGrant(node.Path, Principal(role), null, [], arn);
                    break;
                case "aws:iam/role:Role" when Text(node.Inputs["name"]) is { } name:
                    foreach (var inline in node.Inputs["inlinePolicies"]?.AsArray() ?? [])
                    {
                        yield return new IamGrant(node.Path, name, null, AllowedActions(inline?["policy"]), null);
                    }

                    foreach (var managed in node.Inputs["managedPolicyArns"]?.AsArray() ?? [])
                    {
                        yield return new IamGrant(node.Path, name, null, [], Text(managed));
                    }

                    break;
            }
        }
    }

    /// <summary>The principal key of a member or role: the email of a GCP service account, the name of an IAM role.</summary>
    public static string Principal(string memberOrRole) =>
        memberOrRole.StartsWith("serviceAccount:", StringComparison.Ordinal) ? memberOrRole["serviceAccount:".Length..]
        : memberOrRole.StartsWith("arn:aws", StringComparison.Ordinal) ? CloudIdentityNames.AwsRoleName(memberOrRole)
        : memberOrRole;

    /// <summary>True for an action that names every action of a service (or of all of them).</summary>
    public static bool IsWildcard(string action) => action == "*" || action.EndsWith(":*", StringComparison.Ordinal) || action == "NotAction";

    private static List<string> AllowedActions(JsonNode? policy)
    {
        var document = policy is JsonValue v && v.TryGetValue<string>(out var text) ? JsonNode.Parse(text) : policy;
        var actions = new List<string>();
        var statements = document?["Statement"] switch
        {
            JsonArray many => many.ToList(),
            JsonObject one => [one],
            _ => [],
        };
        foreach (var statement in statements.Where(s => Text(s?["Effect"]) == "Allow"))
        {
            if (statement!["NotAction"] is not null)
            {
                actions.Add("NotAction");
            }

            actions.AddRange(statement["Action"] switch
            {
                JsonArray many => many.Select(Text).OfType<string>(),
                JsonValue one when one.GetValueKind() == JsonValueKind.String => [one.GetValue<string>()],
                _ => [],
            });
        }

        return actions;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
