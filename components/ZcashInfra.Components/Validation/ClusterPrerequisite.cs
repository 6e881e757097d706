using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Validation;

/// <summary>
/// Something the cluster must already have before <c>pulumi up</c>, which this program does not
/// install: the graph shows that it is needed (<see cref="NeededBy"/>), and the stack states that
/// the cluster has it (<c>zcash-infra:cluster.provides</c>). <c>validate</c> reports every needed
/// one the stack does not state, as a <c>prerequisite</c> finding.
/// </summary>
/// <param name="Id">The name the stack states (<c>clusterAutoscaler</c>, …).</param>
/// <param name="Description">What must exist, and how to get it.</param>
/// <param name="NeededBy">The graph nodes that need it, each with why.</param>
public sealed record ClusterPrerequisite(string Id, string Description, Func<ResourceGraph, IEnumerable<(string Path, string Why)>> NeededBy)
{
    /// <summary>The finding's check name.</summary>
    public const string Check = "prerequisite";

    /// <summary>One finding per needed prerequisite the stack does not state, at the first node that needs it.</summary>
    public static IEnumerable<Finding> Missing(ResourceGraph graph, IReadOnlySet<string> provided, IEnumerable<ClusterPrerequisite>? prerequisites = null)
    {
        foreach (var prerequisite in prerequisites ?? StatedPrerequisites.All)
        {
            if (provided.Contains(prerequisite.Id))
            {
                continue;
            }

            var needs = prerequisite.NeededBy(graph).ToList();
            if (needs.Count > 0)
            {
                var more = needs.Count > 1 ? $" (and {needs.Count - 1} more)" : string.Empty;
                yield return new Finding(Check, needs[0].Path,
                    $"{prerequisite.Id}: {needs[0].Why}{more}. {prerequisite.Description} Once the cluster has it, list {prerequisite.Id} in zcash-infra:cluster.provides.");
            }
        }
    }
}
