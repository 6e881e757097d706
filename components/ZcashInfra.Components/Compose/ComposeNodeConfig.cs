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
        return (NodeImages.ZcashdConfigFile, ZcashdConfig.Render(ZcashdConfigInput.For(plan) with { InitialPeers = peers, CompatUpstream = upstream }));
    }
}
