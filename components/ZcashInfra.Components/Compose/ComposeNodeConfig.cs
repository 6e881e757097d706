using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// A node set's config file for Compose: rendered by the same <see cref="ZebradConfig"/> and
/// <see cref="ZcashdConfig"/> as in the cluster, from the same plan, with only the peer addresses
/// translated (<see cref="ComposeAddresses"/>).
/// </summary>
internal static class ComposeNodeConfig
{
    /// <summary>The file name inside the config directory, and its text.</summary>
    public static (string File, string Text) Render(NodeSetPlan plan, ComposeAddresses addresses)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(addresses);
        var peers = plan.InitialPeers.Select(p => addresses.Translate(plan.Name, p)).ToList();
        if (plan.IsZebra)
        {
            return (NodeImages.ZebraConfigFile, ZebradConfig.Render(ZebradConfigInput.For(plan) with { InitialPeers = peers }));
        }

        var upstream = plan.CompatUpstream is { } u ? addresses.Translate(plan.Name, u) : null;
        var input = ZcashdConfig.ClusterInput(plan);
        return (NodeImages.ZcashdConfigFile, ZcashdConfig.Render(input with { InitialPeers = plan.HasPeersFile ? [] : peers, CompatUpstream = upstream }));
    }

    /// <summary>zcashd's peers file (<see cref="NodeSetPlan.HasPeersFile"/>) with translated addresses; null for a set without one.</summary>
    public static string? RenderPeers(NodeSetPlan plan, ComposeAddresses addresses)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(addresses);
        return plan.HasPeersFile ? ZcashdConfig.RenderPeers(plan, [.. plan.InitialPeers.Select(p => addresses.Translate(plan.Name, p))]) : null;
    }
}
