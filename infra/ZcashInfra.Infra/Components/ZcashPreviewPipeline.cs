using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.PreviewPipeline;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>
/// The Tekton pull-request preview pipeline as a reusable Pulumi component
/// (<c>zcash-infra:index:PreviewPipeline</c>). Tekton Pipelines and Triggers must be installed in
/// the cluster first (pass them in <c>DependsOn</c>).
/// </summary>
public sealed class ZcashPreviewPipeline : GraphComponentResource
{
    /// <summary>Declares the pipeline objects.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="args">The component's own arguments (<see cref="PreviewPipelineArgs"/>); its provider path is set here.</param>
    /// <param name="provider">The Kubernetes provider. Default: the program's default Kubernetes provider.</param>
    /// <param name="options">Resource options.</param>
    public ZcashPreviewPipeline(string name, PreviewPipelineArgs args, ProviderResource? provider = null, ComponentResourceOptions? options = null)
        : base(PreviewPipelineComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var outputs = PreviewPipelineComponent.Declare(fragment.Root, name, args with { Provider = fragment.Provider("kubernetes", provider) });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        Pipeline = bound.Describing(outputs.Pipeline);
        TriggerBinding = bound.Describing(outputs.TriggerBinding);
        TriggerTemplate = bound.Describing(outputs.TriggerTemplate);
        Complete(new Dictionary<string, object?>
        {
            ["pipeline"] = Pipeline,
            ["triggerBinding"] = TriggerBinding,
            ["triggerTemplate"] = TriggerTemplate,
        });
    }

    /// <summary>Name of the Pipeline.</summary>
    [Output("pipeline")]
    public Output<string> Pipeline { get; private set; }

    /// <summary>Name of the TriggerBinding for GitHub <c>pull_request</c> events.</summary>
    [Output("triggerBinding")]
    public Output<string> TriggerBinding { get; private set; }

    /// <summary>Name of the TriggerTemplate that starts a run.</summary>
    [Output("triggerTemplate")]
    public Output<string> TriggerTemplate { get; private set; }
}
