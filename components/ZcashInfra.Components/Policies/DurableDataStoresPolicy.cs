using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>In production (and in any stack that protects its state), every data store is protected, retained on delete and never force-emptied.</summary>
public sealed class DurableDataStoresPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "durable-data-stores";

    /// <inheritdoc />
    public string Description => "production data stores are protect'ed, retainOnDelete and not forceDestroy";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        if (context.Tier != EnvironmentTier.Production && !context.ProtectState)
        {
            yield break;
        }

        foreach (var node in context.Graph.Resources.Where(n => DataStores.Types.Contains(n.Type)))
        {
            if (!node.Options.Protect)
            {
                yield return new Finding(Id, node.Path, "production data store is not protected (protect: true)");
            }

            if (!node.Options.RetainOnDelete)
            {
                yield return new Finding(Id, node.Path, "production data store is not retained on delete (retainOnDelete: true)");
            }

            if (node.Inputs["forceDestroy"] is JsonValue force && force.TryGetValue<bool>(out var f) && f)
            {
                yield return new Finding(Id, node.Path, "production bucket has forceDestroy: true (a delete would empty it)");
            }
        }
    }
}
