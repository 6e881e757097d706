using System.Text.RegularExpressions;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.NodePools;

/// <summary>
/// What a machine type says about itself: which cloud it belongs to (an EC2 instance type on GKE
/// is a failed <c>pulumi up</c>), its CPU architecture and which boot disks it takes.
/// </summary>
public static partial class MachineTypes
{
    /// <summary>Compute Engine machine families a GKE node pool can use.</summary>
    public static readonly IReadOnlySet<string> GcpFamilies = new SortedSet<string>(StringComparer.Ordinal)
    {
        "a2", "a3", "a4", "a4x", "c2", "c2d", "c3", "c3d", "c4", "c4a", "c4d", "custom", "e2", "f1", "g1", "g2", "g4",
        "h3", "h4d", "m1", "m2", "m3", "m4", "n1", "n2", "n2d", "n4", "n4a", "n4d", "t2a", "t2d", "x4", "z3",
    };

    /// <summary>Compute Engine families whose boot disk must be Hyperdisk (they have no Persistent Disk support).</summary>
    public static readonly IReadOnlySet<string> HyperdiskOnlyFamilies = new SortedSet<string>(StringComparer.Ordinal)
    {
        "a4", "a4x", "c4", "c4a", "c4d", "g4", "h4d", "m4", "n4", "n4a", "n4d", "x4",
    };

    /// <summary>EC2 instance classes (the letters before the generation digit: m in m6i, inf in inf2).</summary>
    public static readonly IReadOnlySet<string> AwsClasses = new SortedSet<string>(StringComparer.Ordinal)
    {
        "a", "c", "d", "dl", "f", "g", "gr", "h", "hpc", "i", "im", "inf", "is", "m", "p", "r", "t", "trn", "u", "vt", "x", "z",
    };

    /// <summary>The machine family (<c>n2</c>, <c>m6i</c>), or null when the type is not one of the cloud's.</summary>
    public static string? Family(Cloud cloud, string machineType)
    {
        if (cloud == Cloud.Gcp)
        {
            var gcp = GcpType().Match(machineType);
            return gcp.Success && GcpFamilies.Contains(gcp.Groups["family"].Value) ? gcp.Groups["family"].Value : null;
        }

        var aws = AwsType().Match(machineType);
        return aws.Success && AwsClasses.Contains(aws.Groups["class"].Value)
            ? aws.Groups["class"].Value + aws.Groups["generation"].Value + aws.Groups["attributes"].Value
            : null;
    }

    /// <summary>The settings error for a machine type that is not the cloud's, or null when it is.</summary>
    public static string? Problem(Cloud cloud, string machineType) => Family(cloud, machineType) is not null ? null : cloud switch
    {
        Cloud.Gcp => $"'{machineType}' is not a Compute Engine machine type of a known family (e.g. e2-standard-4, n2-highmem-8; families: {string.Join(", ", GcpFamilies)})",
        _ => $"'{machineType}' is not an EC2 instance type of a known family (e.g. m6i.large, r6i.2xlarge)",
    };

    /// <summary>True for Graviton (arm64) instance types: the processor letter after the generation is g (m7g, c7gn, t4g), or the a1 class.</summary>
    public static bool IsAwsArm(string instanceType)
    {
        var aws = AwsType().Match(instanceType);
        return aws.Success && (aws.Groups["class"].Value == "a" || aws.Groups["attributes"].Value.StartsWith('g'));
    }

    /// <summary>True when a Compute Engine machine type only boots from Hyperdisk.</summary>
    public static bool IsHyperdiskOnly(string machineType) =>
        Family(Cloud.Gcp, machineType) is { } family && HyperdiskOnlyFamilies.Contains(family);

    [GeneratedRegex("^(?<family>[a-z][a-z0-9]*)-[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex GcpType();

    [GeneratedRegex("^(?<class>[a-z]+)(?<generation>[1-9])(?<attributes>[a-z0-9-]*)\\.(nano|micro|small|medium|large|xlarge|[0-9]+xlarge|metal(-[0-9]+xl)?)$")]
    private static partial Regex AwsType();
}
