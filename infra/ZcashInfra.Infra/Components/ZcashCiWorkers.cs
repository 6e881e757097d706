using Pulumi;
using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Graph;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>
/// Autoscaled Buildbot workers as a reusable Pulumi component (<c>zcash-infra:index:CiWorkers</c>):
/// a StatefulSet (stable worker names) scaled by KEDA on build demand, draining before removal, with optional warm capacity.
/// </summary>
public sealed class ZcashCiWorkers : GraphComponentResource
{
    /// <summary>Declares the workers and their children.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="args">The component's own arguments (<see cref="CiWorkersArgs"/>); its provider path is set here.</param>
    /// <param name="provider">The Kubernetes provider. Default: the program's default Kubernetes provider.</param>
    /// <param name="dependsOn">Resources (such as namespaces) the component's objects wait for. Default none.</param>
    /// <param name="options">Resource options.</param>
    public ZcashCiWorkers(string name, CiWorkersArgs args, ProviderResource? provider = null, IReadOnlyList<Resource>? dependsOn = null, ComponentResourceOptions? options = null)
        : base(CiWorkersComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var outputs = CiWorkersComponent.Declare(fragment.Root, name, args with
        {
            Provider = fragment.Provider("kubernetes", provider),
            DependsOn = [.. args.DependsOn, .. fragment.Dependencies(dependsOn ?? [])],
        });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        StatefulSetName = bound.Describing(outputs.StatefulSet);
        MinWorkers = bound.Describing(args.MinWorkers);
        MaxWorkers = bound.Describing(args.MaxWorkers);
        Complete(new Dictionary<string, object?>
        {
            ["statefulSet"] = StatefulSetName,
            ["minWorkers"] = MinWorkers,
            ["maxWorkers"] = MaxWorkers,
        });
    }

    /// <summary>The workers' StatefulSet as namespace/name.</summary>
    [Output("statefulSet")]
    public Output<string> StatefulSetName { get; private set; }

    /// <summary>Fewest workers.</summary>
    [Output("minWorkers")]
    public Output<int> MinWorkers { get; private set; }

    /// <summary>Most workers.</summary>
    [Output("maxWorkers")]
    public Output<int> MaxWorkers { get; private set; }
}
