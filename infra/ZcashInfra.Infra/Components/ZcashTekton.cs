using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>
/// Tekton as a reusable Pulumi component (<c>zcash-infra:index:Tekton</c>): Pipelines, Triggers and
/// the Dashboard from their pinned release manifests, the feature flags restricted namespaces need,
/// and pruning of old runs.
/// </summary>
public sealed class ZcashTekton : GraphComponentResource
{
    /// <summary>Declares the install and its children.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="args">The component's own arguments (<see cref="TektonArgs"/>); its provider path is set here.</param>
    /// <param name="provider">The Kubernetes provider. Default: the program's default Kubernetes provider.</param>
    /// <param name="dependsOn">Resources (such as namespaces) the component's objects wait for. Default none.</param>
    /// <param name="options">Resource options.</param>
    public ZcashTekton(string name, TektonArgs args, ProviderResource? provider = null, IReadOnlyList<Resource>? dependsOn = null, ComponentResourceOptions? options = null)
        : base(TektonComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var outputs = TektonComponent.Declare(fragment.Root, name, args with
        {
            Provider = fragment.Provider("kubernetes", provider),
            NamespacePaths = [.. args.NamespacePaths, .. fragment.Dependencies(dependsOn ?? [])],
        });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        DashboardService = bound.Describing(outputs.DashboardService ?? string.Empty);
        PipelinesVersion = bound.Describing(args.PipelinesVersion);
        TriggersVersion = bound.Describing(args.TriggersVersion);
        Complete(new Dictionary<string, object?>
        {
            ["pipelinesVersion"] = PipelinesVersion,
            ["triggersVersion"] = TriggersVersion,
            ["dashboardService"] = DashboardService,
        });
    }

    /// <summary>The Dashboard's Service as namespace/name (reach it with a port-forward); empty without a Dashboard.</summary>
    [Output("dashboardService")]
    public Output<string> DashboardService { get; private set; }

    /// <summary>The Pipelines release installed.</summary>
    [Output("pipelinesVersion")]
    public Output<string> PipelinesVersion { get; private set; }

    /// <summary>The Triggers release installed.</summary>
    [Output("triggersVersion")]
    public Output<string> TriggersVersion { get; private set; }
}
