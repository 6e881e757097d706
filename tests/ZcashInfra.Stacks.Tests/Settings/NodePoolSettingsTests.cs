namespace ZcashInfra.Stacks.Tests.Settings;

public class NodePoolSettingsTests
{
    /// <summary>A valid EKS base: account, subnets, cluster with its OIDC provider.</summary>
    internal const string AwsBase = """
          zcash-infra:cloud: aws
          zcash-infra:aws:
            accountId: '123456789012'
            region: us-east-1
            subnetIds: [subnet-0a1b2c3d4e5f60718]
          zcash-infra:cluster:
            name: zcash-test
            oidcProviderArn: arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789
        """;

    private static IReadOnlyList<string> OnGcp(string pools) => StackYaml.WithBase("  zcash-infra:nodePools:\n" + pools).Errors;

    private static IReadOnlyList<string> OnAws(string pools, string extra = "") =>
        StackYaml.Parse(AwsBase + "\n" + extra + "  zcash-infra:nodePools:\n" + pools).Errors;

    public static TheoryData<string, string> GcpCases => new()
    {
        { "    - {name: ci, role: ci, machineType: n2-standard-8, minNodes: 4, maxNodes: 2}", "zcash-infra:nodePools[0].maxNodes: must be ≥ minNodes (4), got 2" },
        { "    - {name: ci, role: ci, machineType: m6i.large}", "zcash-infra:nodePools[0].machineType: 'm6i.large' is not a Compute Engine machine type of a known family (e.g. e2-standard-4, n2-highmem-8; families: a2, a3, a4, a4x, c2, c2d, c3, c3d, c4, c4a, c4d, custom, e2, f1, g1, g2, g4, h3, h4d, m1, m2, m3, m4, n1, n2, n2d, n4, n4a, n4d, t2a, t2d, x4, z3)" },
        { "    - {name: ci, role: ci, machineType: n2-standard-8, diskType: gp3}", "zcash-infra:nodePools[0].diskType: must be one of pd-balanced, pd-ssd, pd-standard, hyperdisk-balanced, got 'gp3'" },
        { "    - {name: nodes, role: nodes, machineType: n4-highmem-8, diskType: pd-ssd}", "zcash-infra:nodePools[0].diskType: n4-highmem-8 machines only boot from Hyperdisk; use hyperdisk-balanced, got 'pd-ssd'" },
        { "    - {name: ci, role: ci, machineType: n2-standard-8, zones: [europe-west1-b]}", "zcash-infra:nodePools[0].zones[0]: must be a zone of region us-central1, got 'europe-west1-b'" },
        { "    - {name: ci, role: ci, machineType: n2-standard-8, subnetIds: [subnet-0a1b2c3d]}", "zcash-infra:nodePools[0].subnetIds: is only meaningful when cloud is aws (on gcp, zones place the pool)" },
        { "    - {name: ci, role: ci, machineType: n2-standard-8, maxSurge: 0, maxUnavailable: 0}", "zcash-infra:nodePools[0].maxUnavailable: must be ≥ 1 when maxSurge is 0, or an upgrade cannot make progress" },
        { "    - {name: ci, role: ci, machineType: n2-standard-8, maxSurge: -1}", "zcash-infra:nodePools[0].maxSurge: must be ≥ 0, got -1" },
        { "    - {name: ci-pool-for-the-continuous-integration-jobs, role: ci, machineType: n2-standard-8}", "zcash-infra:nodePools[0].name: must be at most 40 characters on GKE, got 43" },
        { "    - {name: ci, role: ci, machineType: n2-standard-8}\n    - {name: ci-b, role: ci, machineType: n2-standard-8}", "zcash-infra:nodePools[1].role: 'ci' already has a pool (zcash-infra:nodePools[0]); use one pool per role and spread it over zones" },
        { "    - {name: ci, role: ci, machineType: n2-standard-8, spot: maybe}", "zcash-infra:nodePools[0].spot: must be true or false, got 'maybe'" },
    };

    public static TheoryData<string, string> AwsCases => new()
    {
        { "    - {name: ci, role: ci, machineType: c6i.large, minNodes: 5, maxNodes: 1}", "zcash-infra:nodePools[0].maxNodes: must be ≥ minNodes (5), got 1" },
        { "    - {name: nodes, role: nodes, machineType: n2-standard-8}", "zcash-infra:nodePools[0].machineType: 'n2-standard-8' is not an EC2 instance type of a known family (e.g. m6i.large, r6i.2xlarge)" },
        { "    - {name: nodes, role: nodes, machineType: r6i.large, diskType: pd-ssd}", "zcash-infra:nodePools[0].diskType: is only meaningful when cloud is gcp (EKS node groups boot from the AMI's root volume type)" },
        { "    - {name: nodes, role: nodes, machineType: r6i.large, zones: [us-east-1a]}", "zcash-infra:nodePools[0].zones: is only meaningful when cloud is gcp (on aws, subnetIds choose the zones)" },
        { "    - {name: nodes, role: nodes, machineType: r6i.large, maxSurge: 1}", "zcash-infra:nodePools[0].maxSurge: is only meaningful when cloud is gcp (EKS upgrades by maxUnavailable)" },
        { "    - {name: nodes, role: nodes, machineType: r6i.large, maxUnavailable: 0}", "zcash-infra:nodePools[0].maxUnavailable: must be ≥ 1, got 0" },
        { "    - {name: nodes, role: nodes, machineType: r6i.large, subnetIds: [sn-123]}", "zcash-infra:nodePools[0].subnetIds[0]: must be a subnet id like subnet-0123456789abcdef0, got 'sn-123'" },
    };

    [Theory]
    [MemberData(nameof(GcpCases))]
    public void Impossible_gke_pools_are_reported_with_their_key_path(string pools, string expected)
    {
        var errors = OnGcp(pools);
        Assert.True(errors.Contains(expected), "got:\n" + string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(AwsCases))]
    public void Impossible_eks_pools_are_reported_with_their_key_path(string pools, string expected)
    {
        var errors = OnAws(pools);
        Assert.True(errors.Contains(expected), "got:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void Spot_is_refused_for_the_nodes_pool_in_production_only()
    {
        const string pool = "    - {name: nodes, role: nodes, machineType: r6i.large, spot: true}";
        const string error = "zcash-infra:nodePools[0].spot: spot capacity is not allowed for the nodes pool in production (a reclaimed node interrupts a full node)";
        Assert.Equal([error], OnAws(pool, "  zcash-infra:environment: production\n"));
        Assert.Empty(OnAws(pool));
        Assert.Empty(OnAws("    - {name: ci, role: ci, machineType: c6i.large, minNodes: 0, spot: true}", "  zcash-infra:environment: production\n"));
    }

    [Fact]
    public void A_node_group_without_subnets_is_refused_unless_the_stack_names_them()
    {
        var noStackSubnets = StackYaml.Parse(AwsBase.Replace("    subnetIds: [subnet-0a1b2c3d4e5f60718]\n", string.Empty, StringComparison.Ordinal)
            + "\n  zcash-infra:nodePools:\n    - {name: system, role: system, machineType: m6i.large}\n    - {name: ci, role: ci, machineType: c6i.large, minNodes: 0, subnetIds: [subnet-0a1b2c3d]}\n");
        Assert.Equal(["zcash-infra:nodePools[0].subnetIds: is required on aws: set aws.subnetIds (the subnets node groups launch in) or subnetIds on this pool"], noStackSubnets.Errors);
    }

    [Fact]
    public void Valid_pools_on_either_cloud_have_no_errors()
    {
        Assert.Empty(OnGcp("    - {name: system, role: system, machineType: e2-standard-4}\n    - {name: nodes, role: nodes, machineType: n4-highmem-8, diskType: hyperdisk-balanced, zones: [us-central1-a]}\n    - {name: ci, role: ci, machineType: n2-standard-8, minNodes: 0, spot: true, maxSurge: 0, maxUnavailable: 1}"));
        Assert.Empty(OnAws("    - {name: system, role: system, machineType: m7g.large}\n    - {name: nodes, role: nodes, machineType: r6i.2xlarge, maxUnavailable: 2}\n    - {name: ci, role: ci, machineType: c6i.4xlarge, minNodes: 0, spot: true}"));
    }
}
