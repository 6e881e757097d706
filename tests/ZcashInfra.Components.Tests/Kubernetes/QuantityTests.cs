using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.Tests.Kubernetes;

public class QuantityTests
{
    [Theory]
    [InlineData("500m", 0.5)]
    [InlineData("2", 2)]
    [InlineData("1.5", 1.5)]
    [InlineData("1k", 1000)]
    [InlineData("1Ki", 1024)]
    [InlineData("4Gi", 4294967296)]
    [InlineData("2T", 2e12)]
    public void Parses_decimal_and_binary_suffixes(string text, double expected) =>
        Assert.Equal((decimal)expected, Quantity.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("4 Gi")]
    [InlineData("4GB")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData(null)]
    public void Rejects_what_kubernetes_would_not_accept_here(string? text) => Assert.Null(Quantity.Parse(text));

    [Theory]
    [InlineData("4Gi", 3, "12Gi")]
    [InlineData("500m", 3, "1500m")]
    [InlineData("1.5", 2, "3")]
    public void Multiplies_in_the_quantitys_own_unit(string quantity, int count, string expected) =>
        Assert.Equal(expected, Quantity.Multiply(quantity, count));
}
