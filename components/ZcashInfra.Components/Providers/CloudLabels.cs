namespace ZcashInfra.Components.Providers;

/// <summary>The labels (GCP) / tags (AWS) every cloud resource carries, so an operator can tell what owns it.</summary>
public static class CloudLabels
{
    /// <summary>The stack's labels plus the project's own, which win on a clash.</summary>
    public static SortedDictionary<string, string> For(string stack, string component, IReadOnlyDictionary<string, string> stackLabels)
    {
        var labels = new SortedDictionary<string, string>(stackLabels.ToDictionary(), StringComparer.Ordinal)
        {
            ["managed-by"] = "pulumi",
            ["zcash-infra-stack"] = stack,
            ["zcash-infra-component"] = component,
        };
        return labels;
    }
}
