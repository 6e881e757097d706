using ZcashInfra.Components.Compose;
using ZcashInfra.Components.Providers;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks;

/// <summary>
/// A stack's node sets as a Compose file for one machine, from the same node set arguments
/// <see cref="ZcashEnvironment"/> gives the cluster (so laptop and cluster never drift).
/// </summary>
public static class ComposeStack
{
    /// <summary>
    /// Compose ignores providers; the arguments need one, and a name that is no graph path shows
    /// that nothing here is registered with Pulumi.
    /// </summary>
    private const string NoProvider = "compose:no-provider";

    /// <summary>The Compose project name of a stack: <c>zcash-infra-&lt;stack&gt;</c>.</summary>
    public static string ProjectName(string stack) => $"zcash-infra-{stack}";

    /// <summary>The arguments of the Compose render.</summary>
    public static ComposeArgs Args(string stack, StackSettings settings, bool includeMainnet)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var providers = new StackProviders(null, NoProvider);

        // A laptop has no StorageClass and no namespace objects: Compose uses named volumes.
        var namespaces = new StackNamespaces(settings.ZcashNamespace, null, null);
        return new ComposeArgs
        {
            Project = ProjectName(stack),
            NodeSets = [.. settings.NodeSets.Select(s => new ComposeNodeSet(s.Name, NodeSetDeclarations.Args(s, settings, providers, namespaces)))],
            IncludeMainnet = includeMainnet,
        };
    }

    /// <summary>The Compose file's text.</summary>
    public static string Render(string stack, StackSettings settings, bool includeMainnet) =>
        ComposeProject.Text(Args(stack, settings, includeMainnet), $"stack '{stack}'");
}
