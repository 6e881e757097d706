using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Stacks.Settings;

/// <summary>An Ingress exposing a Service at a host name.</summary>
public sealed record IngressSettings
{
    /// <summary>The host name. Required.</summary>
    public required string Host { get; init; }

    /// <summary>The ingress class. Default: the cluster's default class.</summary>
    public string? IngressClassName { get; init; }

    /// <summary>The component-side value.</summary>
    public IngressArgs ToArgs() => new(Host, IngressClassName);

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(KubernetesNames.IsDnsSubdomain(Host ?? string.Empty) && (Host ?? string.Empty).Contains('.', StringComparison.Ordinal), path["host"],
            $"must be a fully qualified host name such as ci.example.org, got '{Host}'");
        errors.Require(IngressClassName is null || KubernetesNames.IsDnsSubdomain(IngressClassName), path["ingressClassName"],
            KubernetesNames.DnsSubdomainRule(IngressClassName ?? string.Empty));
    }
}
