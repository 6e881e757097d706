using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// <c>zcash-infra:tekton.integration</c> — the integration step: the node just built, seeded from a
/// snapshot at a chosen height, under RPC tests.
/// </summary>
public sealed record CiIntegrationSettings
{
    /// <summary>The snapshots' network. Default testnet.</summary>
    public Network Network { get; init; } = new IntegrationArgs().Network;

    /// <summary>snapshots.json of Zebra snapshots (the default is the Zcash Foundation's testnet index); null skips integration for Zebra.</summary>
    public string? ZebradIndex { get; init; } = Defaults.ZebradIndex;

    /// <summary>snapshots.json of zcashd snapshots; unset skips integration for zcashd.</summary>
    public string? ZcashdIndex { get; init; }

    /// <summary>Restore exactly this height. Default: the newest compatible entry.</summary>
    public long? Height { get; init; }

    /// <summary>Database major version of the zebrad being built. Default 28 (zebrad 6.x).</summary>
    public int ZebradDbMajor { get; init; } = Defaults.ZebradDbMajor;

    /// <summary>Database major version of the zcashd snapshots. Required with zcashdIndex (the restore checks it).</summary>
    public int? ZcashdDbMajor { get; init; }

    /// <summary>A command run in the source tree against the node (ZCASH_RPC_URL, ZCASH_RPC_COOKIE set).</summary>
    public string RpcTestCommand { get; init; } = string.Empty;

    /// <summary>What the seeded node requests.</summary>
    public ResourceSettings NodeResources { get; init; } = new() { Cpu = Defaults.NodeResources.Cpu, Memory = Defaults.NodeResources.Memory };

    private static IntegrationArgs Defaults { get; } = new();

    /// <summary>The component-side value.</summary>
    public IntegrationArgs ToArgs() => new()
    {
        Network = Network,
        ZebradIndex = ZebradIndex,
        ZcashdIndex = ZcashdIndex,
        Height = Height,
        ZebradDbMajor = ZebradDbMajor,
        ZcashdDbMajor = ZcashdDbMajor,
        RpcTestCommand = RpcTestCommand,
        NodeResources = NodeResources.ToArgs(),
    };

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        foreach (var (key, value) in new[] { ("zebradIndex", ZebradIndex), ("zcashdIndex", ZcashdIndex) })
        {
            errors.Require(value is null || Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http", path[key],
                $"must be an absolute https or http URL of a snapshots.json, got '{value}'");
        }

        errors.Require(Height is null or >= 0, path["height"], $"must be ≥ 0, got {Height}");
        errors.AtLeast(ZebradDbMajor, 1, path["zebradDbMajor"]);
        errors.Require(ZcashdIndex is null || ZcashdDbMajor is not null, path["zcashdDbMajor"], "is required with zcashdIndex (the restore checks it)");
        NodeResources.Validate(path["nodeResources"], errors);
    }
}
