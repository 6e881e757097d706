namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// The Kubernetes recommended label keys (kubernetes/website
/// <c>content/en/docs/concepts/overview/working-with-objects/common-labels.md</c>), written once.
/// </summary>
public static class RecommendedLabels
{
    /// <summary>The prefix every recommended key shares; users may not set keys under it.</summary>
    public const string Prefix = "app.kubernetes.io";

    /// <summary>The application name.</summary>
    public const string Name = Prefix + "/name";

    /// <summary>The instance name.</summary>
    public const string Instance = Prefix + "/instance";

    /// <summary>The role inside the application.</summary>
    public const string Component = Prefix + "/component";

    /// <summary>The application version.</summary>
    public const string Version = Prefix + "/version";

    /// <summary>The higher-level application this one is part of.</summary>
    public const string PartOf = Prefix + "/part-of";

    /// <summary>The tool that manages the object.</summary>
    public const string ManagedBy = Prefix + "/managed-by";
}
