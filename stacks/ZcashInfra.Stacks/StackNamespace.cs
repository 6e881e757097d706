using System.Security.Cryptography;
using System.Text;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Stacks;

/// <summary>Names of the Zcash namespace for stacks that must not share one.</summary>
public static class StackNamespace
{
    /// <summary>Namespaces a stack's Zcash namespace may not be: the cluster's own and this project's others.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "default", "kube-system", "kube-public", "kube-node-lease",
        Namespaces.Ci, Namespaces.CiImages, Namespaces.Monitoring, Components.Tekton.TektonReleases.Namespace,
    };

    /// <summary>
    /// A namespace of its own for <paramref name="stack"/>: the stack name when it is a DNS label
    /// (≤ 63 characters), else its first characters and a digest of the whole name, so distinct
    /// stacks never share a namespace.
    /// </summary>
    public static string For(string stack)
    {
        var lower = stack.ToLowerInvariant();
        if (lower.Length <= 63 && Settings.KubernetesNames.IsDnsLabel(lower))
        {
            return lower;
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stack)))[..10];
        var head = new string([.. lower.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        if (head.Length == 0 || !char.IsAsciiLetterLower(head[0]))
        {
            head = "s-" + head;
        }

        // 52 + '-' + 10 digest characters: 63, the longest label.
        return $"{head[..Math.Min(head.Length, 52)].TrimEnd('-')}-{digest}";
    }
}
