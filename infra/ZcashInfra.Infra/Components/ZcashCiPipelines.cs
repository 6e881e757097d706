using Pulumi;
using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>
/// The Zcash CI pipelines as a reusable Pulumi component (<c>zcash-infra:index:CiPipelines</c>):
/// Tasks, Pipelines and GitHub webhook triggers on an existing Tekton.
/// </summary>
public sealed class ZcashCiPipelines : GraphComponentResource
{
    /// <summary>Declares the pipelines and their children.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="args">The component's own arguments (<see cref="CiPipelinesArgs"/>); its provider path is set here.</param>
    /// <param name="provider">The Kubernetes provider. Default: the program's default Kubernetes provider.</param>
    /// <param name="dependsOn">Resources (such as namespaces) the component's objects wait for. Default none.</param>
    /// <param name="options">Resource options.</param>
    public ZcashCiPipelines(string name, CiPipelinesArgs args, ProviderResource? provider = null, IReadOnlyList<Resource>? dependsOn = null, ComponentResourceOptions? options = null)
        : base(CiPipelinesComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var outputs = CiPipelinesComponent.Declare(fragment.Root, name, args with
        {
            Provider = fragment.Provider("kubernetes", provider),
            DependsOn = [.. args.DependsOn, .. fragment.Dependencies(dependsOn ?? [])],
        });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        WebhookService = bound.Describing(outputs.WebhookService);
        NodePipeline = bound.Describing(outputs.NodePipeline);
        ImagePipeline = bound.Describing(outputs.ImagePipeline ?? string.Empty);
        Complete(new Dictionary<string, object?>
        {
            ["webhookService"] = WebhookService,
            ["nodePipeline"] = NodePipeline,
            ["imagePipeline"] = ImagePipeline,
        });
    }

    /// <summary>The EventListener's Service (namespace/name, port 8080): the GitHub webhook target.</summary>
    [Output("webhookService")]
    public Output<string> WebhookService { get; private set; }

    /// <summary>The node build/test pipeline's name.</summary>
    [Output("nodePipeline")]
    public Output<string> NodePipeline { get; private set; }

    /// <summary>The agent image pipeline's name; empty when no repository builds it.</summary>
    [Output("imagePipeline")]
    public Output<string> ImagePipeline { get; private set; }
}
