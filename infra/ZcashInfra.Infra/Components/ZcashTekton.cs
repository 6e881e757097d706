using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>Arguments of <see cref="ZcashTekton"/> (the same decisions as <see cref="TektonArgs"/>).</summary>
public sealed class ZcashTektonArgs
{
    /// <summary>The Kubernetes provider. Default: the program's default provider.</summary>
    public ProviderResource? Provider { get; init; }

    /// <summary>Tekton Pipelines release. Default v1.15.0.</summary>
    public string PipelinesVersion { get; init; } = TektonReleases.DefaultPipelines;

    /// <summary>Tekton Triggers release. Default v0.37.0.</summary>
    public string TriggersVersion { get; init; } = TektonReleases.DefaultTriggers;

    /// <summary>Tekton Dashboard release; null installs none. Default v0.72.0 (supports Pipelines v1.15 LTS).</summary>
    public string? DashboardVersion { get; init; } = TektonReleases.DefaultDashboard;

    /// <summary>Expose the Dashboard at this host through an Ingress. Default null: not exposed.</summary>
    public string? DashboardHost { get; init; }

    /// <summary>Namespaces whose finished runs are pruned (they must exist). Default zcash-ci.</summary>
    public IReadOnlyList<string> RunNamespaces { get; init; } = [Namespaces.Ci];

    /// <summary>Finished runs kept per pipeline. Default 20.</summary>
    public int KeepRuns { get; init; } = new RunPruningArgs().KeepRuns;

    /// <summary>Resources the pruner's objects wait for (the run namespaces). Default none.</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];
}

/// <summary>
/// Tekton as a reusable Pulumi component (<c>zcash-infra:index:Tekton</c>): Pipelines, Triggers and
/// the Dashboard from their pinned release manifests, the feature flags restricted namespaces need,
/// and pruning of old runs.
/// </summary>
public sealed class ZcashTekton : GraphComponentResource
{
    /// <summary>Declares the install and its children.</summary>
    public ZcashTekton(string name, ZcashTektonArgs args, ComponentResourceOptions? options = null)
        : base(Tekton.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var provider = fragment.Provider("kubernetes", args.Provider);
        var dependencies = fragment.Dependencies(args.DependsOn);
        var outputs = Tekton.Declare(fragment.Root, name, new TektonArgs
        {
            Provider = provider,
            PipelinesVersion = args.PipelinesVersion,
            TriggersVersion = args.TriggersVersion,
            DashboardVersion = args.DashboardVersion,
            DashboardIngress = args.DashboardHost is null ? null : new IngressArgs(args.DashboardHost),
            RunNamespaces = [.. args.RunNamespaces],
            NamespacePaths = dependencies,
            Pruning = new RunPruningArgs { KeepRuns = args.KeepRuns },
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
