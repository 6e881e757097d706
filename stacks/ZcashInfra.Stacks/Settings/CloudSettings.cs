using System.Text.RegularExpressions;

namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:gcp</c> — the Google Cloud project the stack's resources live in.</summary>
public sealed partial record GcpSettings
{
    /// <summary>Project id (not number). Required.</summary>
    public required string Project { get; init; }

    /// <summary>Region for regional resources and the default bucket location. Required.</summary>
    public required string Region { get; init; }

    /// <summary>Zones node pools spread over. Default: the cluster's own node locations.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(ProjectId().IsMatch(Project), path["project"],
            $"must be a GCP project id (6–30 characters: lowercase letters, digits, hyphens; starts with a letter), got '{Project}'");
        errors.Require(GcpRegion().IsMatch(Region), path["region"], $"must be a GCP region such as us-central1, got '{Region}'");
        for (var i = 0; i < Zones.Count; i++)
        {
            errors.Require(Zones[i].StartsWith(Region + "-", StringComparison.Ordinal), path["zones"][i],
                $"must be a zone of region {Region}, got '{Zones[i]}'");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    private static partial Regex ProjectId();

    [GeneratedRegex("^[a-z]+-[a-z]+[0-9]$")]
    private static partial Regex GcpRegion();
}

/// <summary><c>zcash-infra:aws</c> — the AWS account and region the stack's resources live in.</summary>
public sealed partial record AwsSettings
{
    /// <summary>The 12-digit account id. Required: the provider refuses to touch any other account.</summary>
    public required string AccountId { get; init; }

    /// <summary>Region, e.g. us-east-1. Required.</summary>
    public required string Region { get; init; }

    /// <summary>
    /// The (private) subnets EKS node groups launch in, one or more per availability zone; a pool
    /// may name its own. Required when there are node pools and a pool names none.
    /// </summary>
    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    /// <summary>True for a VPC subnet id (<c>subnet-</c> and 8 or 17 hex digits).</summary>
    public static bool IsSubnetId(string value) => SubnetId().IsMatch(value);

    /// <summary>The rule, for an error message.</summary>
    public static string SubnetIdRule(string got) => $"must be a subnet id like subnet-0123456789abcdef0, got '{got}'";

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(Account().IsMatch(AccountId), path["accountId"], $"must be a 12-digit AWS account id, got '{AccountId}'");
        errors.Require(AwsRegion().IsMatch(Region), path["region"], $"must be an AWS region such as us-east-1, got '{Region}'");
        for (var i = 0; i < SubnetIds.Count; i++)
        {
            errors.Require(IsSubnetId(SubnetIds[i]), path["subnetIds"][i], SubnetIdRule(SubnetIds[i]));
        }
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex Account();

    [GeneratedRegex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$")]
    private static partial Regex AwsRegion();

    [GeneratedRegex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex SubnetId();
}
