using Pulumi;

namespace ZcashInfra.Infra.Binding;

/// <summary>
/// Every custom resource of the graph. The SDK offers no <c>GetOutput(name)</c>, so the output
/// properties that graph references may name are declared here; the engine fills those the
/// provider returns. <see cref="CustomResource.Id"/> and <see cref="Resource.Urn"/> come from the base.
/// </summary>
public sealed class GraphCustomResource : CustomResource
{
    /// <summary>Registers the resource.</summary>
    public GraphCustomResource(string type, string name, ResourceArgs args, CustomResourceOptions options)
        : base(type, name, args, options)
    {
    }

    /// <summary>AWS ARN.</summary>
    [Output("arn")]
    public Output<string> Arn { get; private set; } = null!;

    /// <summary>Name as the provider reports it.</summary>
    [Output("name")]
    public Output<string> Name { get; private set; } = null!;

    /// <summary>GCP service account e-mail.</summary>
    [Output("email")]
    public Output<string> Email { get; private set; } = null!;

    /// <summary>GCS bucket URL.</summary>
    [Output("url")]
    public Output<string> Url { get; private set; } = null!;

    /// <summary>GCP self link.</summary>
    [Output("selfLink")]
    public Output<string> SelfLink { get; private set; } = null!;

    /// <summary>Cluster or service endpoint.</summary>
    [Output("endpoint")]
    public Output<string> Endpoint { get; private set; } = null!;

    /// <summary>The output names a graph may reference on a custom resource.</summary>
    public static readonly IReadOnlySet<string> ReferenceableOutputs = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "urn", "arn", "name", "email", "url", "selfLink", "endpoint",
    };

    /// <summary>The output with a graph name.</summary>
    public Output<string> OutputNamed(string name) => name switch
    {
        "id" => Id,
        "urn" => Urn,
        "arn" => Arn,
        "name" => Name,
        "email" => Email,
        "url" => Url,
        "selfLink" => SelfLink,
        "endpoint" => Endpoint,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a referenceable output"),
    };
}
