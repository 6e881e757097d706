namespace ZcashInfra.Stacks.Tests.Settings;

public class ClusterSettingsTests
{
    private static IReadOnlyList<string> Aws(string cluster, string aws = "    accountId: '123456789012'\n    region: us-east-1\n") =>
        StackYaml.Parse("  zcash-infra:cloud: aws\n  zcash-infra:aws:\n" + aws + "  zcash-infra:cluster:\n    name: zcash-test\n" + cluster).Errors;

    [Fact]
    public void An_aws_stack_needs_the_clusters_oidc_provider_for_its_snapshot_roles()
    {
        Assert.Equal(
            ["zcash-infra:cluster.oidcProviderArn: is required when cloud is aws (the cluster's IAM OIDC provider, which the snapshot reader and writer roles trust)"],
            Aws(string.Empty));
    }

    [Theory]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/ABC", "must be an IAM OIDC provider ARN like arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE, got 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC'")]
    [InlineData("arn:aws:iam::123456789012:role/oidc", "must be an IAM OIDC provider ARN like arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE, got 'arn:aws:iam::123456789012:role/oidc'")]
    [InlineData("arn:aws:iam::210987654321:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC", "belongs to account 210987654321, not aws.accountId 123456789012")]
    public void A_malformed_or_foreign_oidc_provider_is_refused(string arn, string message)
    {
        Assert.Equal([$"zcash-infra:cluster.oidcProviderArn: {message}"], Aws($"    oidcProviderArn: {arn}\n"));
    }

    [Fact]
    public void The_oidc_provider_is_only_meaningful_on_aws_and_stack_subnets_are_checked()
    {
        var gcp = StackYaml.Parse("  zcash-infra:cloud: gcp\n  zcash-infra:gcp:\n    project: zcash-infra-test\n    region: us-central1\n"
            + "  zcash-infra:cluster:\n    name: zcash-test\n    oidcProviderArn: arn:aws:iam::123456789012:oidc-provider/x/id/y\n");
        Assert.Contains("zcash-infra:cluster.oidcProviderArn: is only meaningful when cloud is aws", gcp.Errors);

        var subnets = Aws(
            "    oidcProviderArn: arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC\n",
            "    accountId: '123456789012'\n    region: us-east-1\n    subnetIds: [subnet-0a1b2c3d, subnet-XYZ]\n");
        Assert.Equal(["zcash-infra:aws.subnetIds[1]: must be a subnet id like subnet-0123456789abcdef0, got 'subnet-XYZ'"], subnets);
    }
}
