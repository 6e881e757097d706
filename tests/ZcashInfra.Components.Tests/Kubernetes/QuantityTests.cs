using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.Tests.Kubernetes;

public class QuantityTests
{
    [Theory]
    [InlineData("400Gi", 400.0 * 1024 * 1024 * 1024)]
    [InlineData("1Ti", 1024.0 * 1024 * 1024 * 1024)]
    [InlineData("300G", 300e9)]
    [InlineData("500m", 0.5)]
    [InlineData("4", 4.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("2e3", 2000.0)]
    [InlineData("128Mi", 128.0 * 1024 * 1024)]
    [InlineData("1k", 1000.0)]
    public void Quantities_parse_to_base_units(string text, double expected) =>
        Assert.Equal((decimal)expected, Quantity.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("big")]
    [InlineData("10 Gi")]
    [InlineData("10gi")]
    [InlineData("4GB")]
    [InlineData("-1")]
    [InlineData("1e99")]
    public void Non_quantities_are_rejected(string text)
    {
        Assert.Null(Quantity.Parse(text));
        Assert.False(Quantity.IsValid(text));
    }

    [Fact]
    public void Binary_and_decimal_units_compare_by_value()
    {
        Assert.True(Quantity.Parse("300Gi") > Quantity.Parse("300G"));
        Assert.True(Quantity.Parse("1Ti") > Quantity.Parse("1000Gi"));
        Assert.Null(Quantity.Parse(null));
    }

    [Theory]
    [InlineData("4Gi", 3, "12Gi")]
    [InlineData("500m", 3, "1500m")]
    [InlineData("1.5", 2, "3")]
    public void Multiplies_in_the_quantitys_own_unit(string quantity, int count, string expected) =>
        Assert.Equal(expected, Quantity.Multiply(quantity, count));
}
