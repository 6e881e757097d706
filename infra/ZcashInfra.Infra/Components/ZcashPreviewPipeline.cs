using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.PreviewPipeline;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>Arguments of <see cref="ZcashPreviewPipeline"/> (the same decisions as <see cref="PreviewPipelineArgs"/>).</summary>
public sealed class ZcashPreviewPipelineArgs
{
    /// <summary>The stack <c>pulumi preview</c> runs for. Required.</summary>
    public required string Stack { get; init; }

    /// <summary>Namespace of the pipeline and its runs. Default <c>zcash-ci</c>.</summary>
    public string Namespace { get; init; } = Namespaces.Ci;

    /// <summary>The Kubernetes provider to use. Default: the program's default Kubernetes provider.</summary>
    public ProviderResource? Provider { get; init; }

    /// <summary>Image for every step. Default <see cref="PreviewSteps.DefaultSdkImage"/>.</summary>
    public string SdkImage { get; init; } = PreviewSteps.DefaultSdkImage;

    /// <summary>Secret (key <c>token</c>) with the Pulumi access token. Default <c>pulumi-access-token</c>.</summary>
    public string PulumiTokenSecret { get; init; } = "pulumi-access-token";
}

/// <summary>
/// The Tekton pull-request preview pipeline as a reusable Pulumi component
/// (<c>zcash-infra:index:PreviewPipeline</c>). Tekton Pipelines and Triggers must be installed in
/// the cluster first (pass them in <c>DependsOn</c>).
/// </summary>
public sealed class ZcashPreviewPipeline : GraphComponentResource
{
    /// <summary>Declares the pipeline objects.</summary>
    public ZcashPreviewPipeline(string name, ZcashPreviewPipelineArgs args, ComponentResourceOptions? options = null)
        : base(PreviewPipeline.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var provider = fragment.Provider("kubernetes", args.Provider);
        var outputs = PreviewPipeline.Declare(fragment.Root, name, new PreviewPipelineArgs
        {
            Provider = provider,
            Stack = args.Stack,
            Namespace = args.Namespace,
            SdkImage = args.SdkImage,
            PulumiTokenSecret = args.PulumiTokenSecret,
        });
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
