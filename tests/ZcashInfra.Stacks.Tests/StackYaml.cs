using ZcashInfra.Stacks.Loading;

namespace ZcashInfra.Stacks.Tests;

/// <summary>Builds small stack files for tests: a valid GCP base plus the keys a test is about.</summary>
internal static class StackYaml
{
    public const string GcpBase = """
          zcash-infra:cloud: gcp
          zcash-infra:gcp:
            project: zcash-infra-test
            region: us-central1
          zcash-infra:cluster:
            name: zcash-test
        """;

    public static SettingsResult Parse(string configBody, string stack = "test") =>
        StackConfigFile.Parse(stack, "config:\n" + configBody, $"Pulumi.{stack}.yaml");

    public static SettingsResult WithBase(string extra) => Parse(GcpBase + "\n" + extra);

    /// <summary>Asserts that a configuration is rejected with exactly this message among its errors.</summary>
    public static void AssertReports(SettingsResult result, string expected)
    {
        Assert.False(result.IsValid);
        Assert.True(result.Errors.Contains(expected), "got:\n" + string.Join("\n", result.Errors));
    }
}
