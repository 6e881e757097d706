using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.NodePools;

/// <summary>
/// The node pools system pods, Zcash nodes and CI run on, added to an existing cluster: GKE node
/// pools with their own least-privilege service account, or EKS managed node groups with their own
/// node role. Every pool carries exactly the labels and taints of its role (<see cref="PoolPlacement"/>).
/// </summary>
public static class NodePoolsComponent
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:NodePools";

    /// <summary>Name of the component output that holds the nodes' cloud identity (policies read it).</summary>
    public const string IdentityOutput = "nodeIdentity";

    /// <summary>Identity purpose in the default physical name.</summary>
    public const string IdentityPurpose = "nodes";

    /// <summary>Declares the pools under <paramref name="scope"/>.</summary>
    /// <exception cref="GraphException">Two pools share a role, or a cloud-specific argument is missing.</exception>
    public static NodePoolsOutputs Declare(GraphScope scope, string name, NodePoolsArgs args)
    {
        var duplicate = args.Pools.GroupBy(p => p.Role).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new GraphException($"{name}: pools {string.Join(", ", duplicate.Select(p => p.Name))} share the role {PoolPlacement.RoleValue(duplicate.Key)}; one pool per role");
        }

        var component = scope.Component(Type, name);
        var labels = CloudLabels.For(scope.Stack, "node-pools", args.Labels);
        var identityName = args.IdentityName ?? CloudIdentityNames.Default(args.Cloud, scope.Stack, IdentityPurpose);
        var (identity, paths) = args.Cloud switch
        {
            Cloud.Gcp => GkeNodePools.Declare(component, name, args, identityName, labels),
            Cloud.Aws => EksNodeGroups.Declare(component, name, args, identityName, labels),
            _ => throw new ArgumentOutOfRangeException(nameof(args), args.Cloud, "unknown cloud"),
        };

        var names = args.Pools.ToDictionary(p => p.Role, p => p.Name);
        component.Output("poolNames", RoleMap(names));
        component.Output(IdentityOutput, identity);
        return new NodePoolsOutputs(component.Path!, paths, names, identity);
    }

    /// <summary>A role-keyed map as JSON (<c>{"ci": "…"}</c>), in role order.</summary>
    public static JsonObject RoleMap(IReadOnlyDictionary<PoolRole, string> byRole) =>
        new(byRole.OrderBy(kv => kv.Key).Select(kv => KeyValuePair.Create(PoolPlacement.RoleValue(kv.Key), (JsonNode?)JsonValue.Create(kv.Value))));

    /// <summary>A string map as a JSON object.</summary>
    internal static JsonObject Map(IEnumerable<KeyValuePair<string, string>> values) =>
        new(values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

    /// <summary>Adds a pool's taints, if its role has any, in the cloud APIs' shape (GKE and EKS agree: key, value, NO_SCHEDULE).</summary>
    internal static JsonObject WithTaints(JsonObject target, PoolRole role)
    {
        var taints = PoolPlacement.Taints(role);
        if (taints.Count > 0)
        {
            target["taints"] = new JsonArray([.. taints.Select(t => (JsonNode)new JsonObject
            {
                ["key"] = t.Key,
                ["value"] = t.Value,
                ["effect"] = TaintEffects.ToCloud(t.Effect),
            })]);
        }

        return target;
    }

    internal static string Require(string? value, string name, string what) =>
        value ?? throw new GraphException($"{name}: {what} is required for this cloud");
}
