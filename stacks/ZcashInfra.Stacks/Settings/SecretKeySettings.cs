using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// A key of a Kubernetes Secret created outside this program (<c>kubectl create secret</c>, an
/// external secrets operator): the stack names it, its value never passes through the stack.
/// </summary>
public sealed record SecretKeySettings
{
    /// <summary>The Secret's name. Required.</summary>
    public required string Name { get; init; }

    /// <summary>The key in it. Required.</summary>
    public required string Key { get; init; }

    /// <summary>The component-side value.</summary>
    public SecretKeyRef ToArgs() => new(Name, Key);

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(KubernetesNames.IsDnsSubdomain(Name ?? string.Empty), path["name"], KubernetesNames.DnsSubdomainRule(Name ?? string.Empty));
        errors.Require(!string.IsNullOrEmpty(Key) && Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'), path["key"],
            $"must be a Secret key (letters, digits, '-', '_' or '.'), got '{Key}'");
    }
}
