using ZcashInfra.Stacks.Loading;

namespace ZcashInfra.Stacks.Tests.Loading;

public class ExampleValuesTests
{
    [Theory]
    [InlineData("123456789012")]
    [InlineData("111122223333")]
    [InlineData("arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC")]
    [InlineData("subnet-0a1b2c3d4e5f60718")]
    [InlineData("subnet-0123456789abcdef0")]
    [InlineData("vpc-1a2b3c4d")]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    public void Documentation_placeholders_are_recognised(string value) => Assert.NotNull(ExampleValues.Why(value));

    [Theory]
    [InlineData("210987654321")]
    [InlineData("arn:aws:iam::210987654321:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC")]
    [InlineData("subnet-07f3e9c1d2b4a6058")]
    [InlineData("zcash-infra-dev")]
    [InlineData("1234567890123")]
    public void Real_looking_values_pass(string value) => Assert.Null(ExampleValues.Why(value));
}
