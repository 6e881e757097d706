using Pulumi;
using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Infra.Binding;
using CiPipelinesComponent = ZcashInfra.Components.CiPipelines.CiPipelines;

namespace ZcashInfra.Infra.Components;

/// <summary>Arguments of <see cref="ZcashCiPipelines"/> (the same decisions as <see cref="CiPipelinesArgs"/>).</summary>
public sealed class ZcashCiPipelinesArgs
{
    /// <summary>Repositories whose webhooks start runs. Required.</summary>
    public required IReadOnlyList<CiRepository> Repositories { get; init; }

    /// <summary>The Kubernetes provider. Default: the program's default provider.</summary>
    public ProviderResource? Provider { get; init; }

    /// <summary>The snapshot agent image. Default <see cref="SnapshotAgentImage.Default"/>.</summary>
    public string AgentImage { get; init; } = SnapshotAgentImage.Default;

    /// <summary>The integration step. Default testnet, the Foundation's index, newest entry.</summary>
    public IntegrationArgs Integration { get; init; } = new();

    /// <summary>Protect and retain the build cache volume. Default false.</summary>
    public bool Durable { get; init; }

    /// <summary>Resources everything waits for: the CI namespaces and the Tekton install. Default none.</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];
}

/// <summary>
/// The Zcash CI pipelines as a reusable Pulumi component (<c>zcash-infra:index:CiPipelines</c>):
/// Tasks, Pipelines and GitHub webhook triggers on an existing Tekton.
/// </summary>
public sealed class ZcashCiPipelines : GraphComponentResource
{
    /// <summary>Declares the pipelines and their children.</summary>
    public ZcashCiPipelines(string name, ZcashCiPipelinesArgs args, ComponentResourceOptions? options = null)
        : base(CiPipelinesComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var provider = fragment.Provider("kubernetes", args.Provider);
        var dependencies = fragment.Dependencies(args.DependsOn);
        var outputs = CiPipelinesComponent.Declare(fragment.Root, name, new CiPipelinesArgs
        {
            Provider = provider,
            Repositories = args.Repositories,
            AgentImage = args.AgentImage,
            Integration = args.Integration,
            Durable = args.Durable,
            DependsOn = dependencies,
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
