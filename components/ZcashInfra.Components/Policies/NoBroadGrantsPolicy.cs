using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// No identity gets a wildcard (<c>s3:*</c>, <c>*</c>), an administrative role
/// (<c>roles/storage.admin</c>, owner, editor) or an all-powerful managed policy; the nodes' and the
/// snapshot reader's identities get no role that administers anything at all (not even objects).
/// </summary>
public sealed class NoBroadGrantsPolicy : IPolicy
{
    private static readonly HashSet<string> PrimitiveRoles = new(StringComparer.Ordinal) { "roles/owner", "roles/editor" };

    private static readonly HashSet<string> BroadManagedPolicies = new(StringComparer.Ordinal) { "AdministratorAccess", "PowerUserAccess" };

    /// <inheritdoc />
    public string Id => "no-broad-grants";

    /// <inheritdoc />
    public string Description => "no wildcard actions, admin roles or full-access policies; node and reader identities administer nothing";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        var identities = IamGrants.Identities(context.Graph);
        foreach (var grant in IamGrants.In(context.Graph))
        {
            IdentityKind? kind = identities.TryGetValue(grant.Principal, out var k) ? k : null;
            var who = kind is null ? grant.Principal : $"the {kind.Value.ToString().ToLowerInvariant()} identity {grant.Principal}";
            foreach (var action in grant.Actions.Where(IamGrants.IsWildcard).Distinct())
            {
                yield return new Finding(Id, grant.Path, $"allows {action} to {who}; name the actions it needs");
            }

            if (grant.Role is { } role)
            {
                if (PrimitiveRoles.Contains(role) || role.EndsWith(".admin", StringComparison.Ordinal))
                {
                    yield return new Finding(Id, grant.Path, $"grants {role} to {who}; administrative roles are never granted");
                }
                else if (kind is IdentityKind.Node or IdentityKind.Reader && role.Contains("admin", StringComparison.OrdinalIgnoreCase))
                {
                    yield return new Finding(Id, grant.Path, $"grants {role} to {who}, which may administer nothing");
                }
            }

            if (grant.ManagedPolicy is { } arn)
            {
                var policy = arn[(arn.LastIndexOf('/') + 1)..];
                if (BroadManagedPolicies.Contains(policy) || policy.EndsWith("FullAccess", StringComparison.Ordinal))
                {
                    yield return new Finding(Id, grant.Path, $"attaches {policy} to {who}; grant the actions it needs instead");
                }
            }
        }
    }
}
