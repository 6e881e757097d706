using System.Collections.Immutable;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.PreviewPipeline;

/// <summary>Arguments of <see cref="PreviewPipelineComponent"/>: the Tekton pipeline that previews a pull request.</summary>
public sealed record PreviewPipelineArgs
{
    /// <summary>Graph path of the Kubernetes provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>The stack <c>pulumi preview</c> runs for: the one whose cluster runs the pipeline. Required.</summary>
    public required string Stack { get; init; }

    /// <summary>Namespace of the pipeline, its tasks and their runs. Default <see cref="Namespaces.Ci"/>.</summary>
    public string Namespace { get; init; } = Namespaces.Ci;

    /// <summary>
    /// What must exist first: the namespace and the Tekton install (its CRDs define Task, Pipeline,
    /// TriggerBinding and TriggerTemplate). Default none.
    /// </summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>Image for every step: the .NET SDK with git and curl, run as its non-root user. Default <see cref="PreviewSteps.DefaultSdkImage"/>.</summary>
    public string SdkImage { get; init; } = PreviewSteps.DefaultSdkImage;

    /// <summary>
    /// Secret (in <see cref="Namespace"/>, key <c>token</c>) with the Pulumi access token the preview
    /// task uses. Created by the operator, never by this program. Default <c>pulumi-access-token</c>.
    /// </summary>
    public string PulumiTokenSecret { get; init; } = "pulumi-access-token";

    /// <summary>CPU each step requests (a .NET build). Default <c>1</c>.</summary>
    public string CpuRequest { get; init; } = "1";

    /// <summary>Memory each step requests. Default <c>2Gi</c>.</summary>
    public string MemoryRequest { get; init; } = "2Gi";

    /// <summary>Memory each step may use at most. Default <c>4Gi</c>.</summary>
    public string MemoryLimit { get; init; } = "4Gi";
}

/// <summary>What the preview pipeline gives others: the names an EventListener binds to.</summary>
/// <param name="ComponentPath">Graph path of the component.</param>
/// <param name="Pipeline">Name of the Pipeline.</param>
/// <param name="TriggerBinding">Name of the TriggerBinding that reads a GitHub <c>pull_request</c> event.</param>
/// <param name="TriggerTemplate">Name of the TriggerTemplate that starts a run from those parameters.</param>
public sealed record PreviewPipelineOutputs(string ComponentPath, string Pipeline, string TriggerBinding, string TriggerTemplate);
