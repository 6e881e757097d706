using System.Text.Json.Nodes;

namespace ZcashInfra.Components.NodePools;

/// <summary>
/// Reads a pod spec back against <see cref="PoolPlacement"/>: which pools it may be scheduled to
/// and which pools' taints it tolerates. Policies use these, so "may land on the CI pool" means
/// the same thing everywhere.
/// </summary>
public static class PoolPlacementChecks
{
    /// <summary>
    /// True when the pod spec tolerates every taint of a pool role (a role without taints is always
    /// tolerated). A blanket toleration (<c>operator: Exists</c> without a key) tolerates everything.
    /// </summary>
    public static bool Tolerates(JsonObject podSpec, PoolRole role)
    {
        var tolerations = (podSpec["tolerations"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        return PoolPlacement.Taints(role).All(taint => tolerations.Any(t => Tolerates(t, taint)));
    }

    /// <summary>
    /// The pool roles the pod spec is restricted to by its nodeSelector and required node affinity
    /// on <see cref="PoolPlacement.RoleLabel"/>; empty when it names none (any untainted pool).
    /// </summary>
    public static IReadOnlySet<PoolRole> SelectedRoles(JsonObject podSpec)
    {
        var roles = new HashSet<PoolRole>();
        if (podSpec["nodeSelector"]?[PoolPlacement.RoleLabel] is JsonValue selected && RoleOf(selected.GetValue<string>()) is { } role)
        {
            roles.Add(role);
        }

        var terms = podSpec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"] as JsonArray ?? [];
        foreach (var expression in terms.SelectMany(t => t?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (expression["key"]?.GetValue<string>() == PoolPlacement.RoleLabel && expression["operator"]?.GetValue<string>() == "In")
            {
                foreach (var value in expression["values"] as JsonArray ?? [])
                {
                    if (RoleOf(value?.GetValue<string>()) is { } r)
                    {
                        roles.Add(r);
                    }
                }
            }
        }

        return roles;
    }

    private static bool Tolerates(JsonObject toleration, PoolTaint taint)
    {
        var key = toleration["key"]?.GetValue<string>() ?? string.Empty;
        var op = toleration["operator"]?.GetValue<string>() ?? "Equal";
        var value = toleration["value"]?.GetValue<string>() ?? string.Empty;
        var effect = toleration["effect"]?.GetValue<string>() ?? string.Empty;
        var effectMatches = effect.Length == 0 || effect == taint.Effect;
        if (key.Length == 0)
        {
            return op == "Exists" && effectMatches;
        }

        return key == taint.Key && effectMatches && (op == "Exists" || value == taint.Value);
    }

    private static PoolRole? RoleOf(string? value) =>
        Enum.GetValues<PoolRole>().Cast<PoolRole?>().FirstOrDefault(r => PoolPlacement.RoleValue(r!.Value) == value);
}
