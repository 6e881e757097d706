namespace ZcashInfra.Cluster.Tests;

/// <summary>The syntax checks run before any request (apimachinery's name and label rules; Go-style durations).</summary>
public sealed class NamesAndDurationsTests
{
    [Theory]
    [InlineData("30m", 1800)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData("250ms", 0.25)]
    public void Durations_Parse(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("0s")]
    [InlineData("soon")]
    [InlineData("-5m")]
    public void Durations_RefuseWhatIsNotAPositiveDuration(string text) =>
        Assert.Null(Durations.Parse(text));

    [Theory]
    [InlineData("zcash.network", "mainnet", null)]
    [InlineData("zcash-infra.io/height", "3100000", null)]
    [InlineData("Bad Key", "x", "key name 'Bad Key' must be ≤ 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric")]
    [InlineData("UPPER.example/k", "x", "key prefix 'UPPER.example' is not a DNS subdomain")]
    [InlineData("k", "-starts-with-dash", "value '-starts-with-dash' must be empty or ≤ 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric")]
    public void Labels_FollowApimachinery(string key, string value, string? problem) =>
        Assert.Equal(problem, KubernetesNames.LabelProblem(key, value));

    [Fact]
    public void DerivedNames_StayWithinTheLimit_AndDistinct()
    {
        var a = KubernetesNames.Derived(63, "zcash", "mainnet-latest", new string('a', 80));
        var b = KubernetesNames.Derived(63, "zcash", "mainnet-latest", new string('a', 79) + "b");

        Assert.True(a.Length <= 63 && b.Length <= 63);
        Assert.NotEqual(a, b);
        Assert.True(KubernetesNames.IsSubdomain(a));
        Assert.Equal("zcash-mainnet-latest-mainnet-1", KubernetesNames.Derived(253, "zcash", "mainnet-latest", "mainnet-1"));
    }
}
