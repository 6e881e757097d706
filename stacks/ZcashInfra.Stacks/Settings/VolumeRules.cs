using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Stacks.Settings;

/// <summary>The rules every volume setting shares: a quantity no smaller than what its contents need, and a valid storage class.</summary>
internal static class VolumeRules
{
    /// <param name="path">The volume section's key path.</param>
    /// <param name="size">The configured size, or null for the default.</param>
    /// <param name="storageClass">The configured storage class, or null for the cluster's default.</param>
    /// <param name="minimum">The smallest size that can work (a quantity).</param>
    /// <param name="example">A size to show in the "not a quantity" message.</param>
    /// <param name="minimumFor">What the minimum is for, as the message says it ("for zebrad on mainnet").</param>
    /// <param name="errors">Where problems go.</param>
    public static void Validate(SettingsPath path, string? size, string? storageClass, string minimum, string example, string minimumFor, SettingsErrors errors)
    {
        if (size is not null)
        {
            var parsed = Quantity.Parse(size);
            errors.Require(parsed is not null, path["size"], $"must be a Kubernetes quantity such as {example}, got '{size}'");
            errors.Require(parsed is null || parsed >= Quantity.Parse(minimum), path["size"], $"must be at least {minimum} {minimumFor}, got {size}");
        }

        errors.Require(storageClass is null || KubernetesNames.IsDnsSubdomain(storageClass), path["storageClass"],
            $"must be a storage class name (lowercase letters, digits, '-' and '.'), got '{storageClass}'");
    }
}
