using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks.Tests.Settings;

/// <summary>The support-window check over a stack's mainnet zebrad pins (node sets and snapshot cuts).</summary>
public class SupportWindowRulesTests
{
    private static readonly DateTimeOffset December6 = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    private static StackSettings Parse(string yaml) => StackYaml.WithBase(yaml).GetOrThrow();

    [Fact]
    public void A_cut_with_its_own_expired_version_fails_at_its_own_key()
    {
        var settings = Parse("""
              zcash-infra:nodeSets:
                - {name: zebra-mainnet, network: mainnet, version: 7.2.0, rpc: true}
              zcash-infra:snapshotSchedule:
                cuts: [{network: mainnet, version: 6.3.0}]
            """);
        var findings = SupportWindowRules.Validate(settings, December6);
        var error = Assert.Single(findings, f => f.IsError);
        Assert.Equal("zcash-infra:snapshotSchedule.cuts[0].version", error.Path.ToString());
        Assert.Contains("3,564,960", error.Message, StringComparison.Ordinal);
        Assert.Contains(findings, f => !f.IsError && f.Path.ToString() == "zcash-infra:nodeSets[0].version");
    }

    [Fact]
    public void Testnet_regtest_and_zcashd_pins_are_not_judged()
    {
        var settings = Parse("""
              zcash-infra:nodeSets:
                - {name: zebra-testnet, network: testnet, version: 6.3.0, rpc: true}
                - {name: zebra-regtest, network: regtest, version: 5.0.0}
                - {name: zcashd-regtest, network: regtest, implementation: zcashd, version: 6.20.0}
              zcash-infra:snapshotSchedule:
                cuts: [{network: testnet}]
            """);
        Assert.Empty(SupportWindowRules.Validate(settings, December6));
    }

    [Fact]
    public void An_unknown_mainnet_release_is_a_warning_not_an_error()
    {
        var settings = Parse("""
              zcash-infra:nodeSets:
                - {name: zebra-mainnet, network: mainnet, version: 7.3.0, dbMajor: 29}
            """);
        var finding = Assert.Single(SupportWindowRules.Validate(settings, December6));
        Assert.False(finding.IsError);
        Assert.Contains("is not known to this release", finding.Message, StringComparison.Ordinal);
    }
}
