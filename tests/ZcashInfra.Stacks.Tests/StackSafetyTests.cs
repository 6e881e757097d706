using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests;

/// <summary>What makes `pulumi up` of a checked-in stack complete and keep its state: the cluster it names, the order of its objects, what protects its volumes.</summary>
public class StackSafetyTests
{
    private static ResourceGraph Declare(string stack) =>
        ZcashEnvironment.Declare(stack, StackConfigFile.Load(RepoPaths.Root, stack).GetOrThrow());

    private static IEnumerable<GraphNode> Of(ResourceGraph graph, string kind) =>
        graph.Resources.Where(n => n.Type.EndsWith(":" + kind, StringComparison.Ordinal));

    [Theory]
    [InlineData("prod", "arn:aws:eks:us-east-1:123456789012:cluster/zcash-prod")]
    [InlineData("dev", "gke_zcash-infra-dev_us-central1_zcash-dev")]
    public void The_kubernetes_provider_names_the_context_the_clouds_tooling_writes_for_the_cluster(string stack, string context)
    {
        var provider = Declare(stack).Resources.Single(n => n.Type == "pulumi:providers:kubernetes");
        Assert.Equal(context, provider.Inputs["context"]!.GetValue<string>());
    }

    [Fact]
    public void An_explicit_context_wins_and_a_gke_location_or_gov_region_is_used()
    {
        var explicitContext = StackYaml.Parse(StackYaml.GcpBase + "\n    context: mine\n").GetOrThrow();
        Assert.Equal("mine", explicitContext.Cluster.ProviderContext(explicitContext));
        var zonal = StackYaml.Parse(StackYaml.GcpBase + "\n    location: us-central1-a\n").GetOrThrow();
        Assert.Equal("gke_zcash-infra-test_us-central1-a_zcash-test", zonal.Cluster.ProviderContext(zonal));
        var gov = StackYaml.Parse("""
              zcash-infra:cloud: aws
              zcash-infra:aws:
                accountId: "123456789012"
                region: us-gov-west-1
              zcash-infra:cluster:
                name: c
                oidcProviderArn: arn:aws-us-gov:iam::123456789012:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/A
            """).GetOrThrow();
        Assert.Equal("arn:aws-us-gov:eks:us-gov-west-1:123456789012:cluster/c", gov.Cluster.ProviderContext(gov));
    }

    [Fact]
    public void A_production_stack_on_an_existing_cluster_must_name_it()
    {
        StackYaml.AssertReports(StackYaml.Parse("  zcash-infra:cloud: existing\n  zcash-infra:environment: production\n"),
            "zcash-infra:cluster.context: a production stack must name its cluster: set cluster.context (or cluster.kubeconfig), or `pulumi up` applies to whatever kubectl context is current");
        Assert.True(StackYaml.Parse("  zcash-infra:cloud: existing\n  zcash-infra:environment: production\n  zcash-infra:cluster:\n    context: lab\n").IsValid);
        Assert.True(StackYaml.Parse("  zcash-infra:cloud: existing\n").IsValid);
    }

    [Fact]
    public void Workloads_depend_on_the_pool_their_pods_select()
    {
        var graph = Declare("prod");
        var pools = graph.Resources.Where(n => n.Type == "aws:eks/nodeGroup:NodeGroup")
            .ToDictionary(n => n.Inputs["labels"]![PoolPlacement.RoleLabel]!.GetValue<string>(), n => n.Path);
        // Node sets wait for the nodes pool; the CI workers (a StatefulSet too) for the ci pool.
        Assert.All(Of(graph, "StatefulSet").Where(s => !s.Path.StartsWith("prod/ci-workers/", StringComparison.Ordinal)), s => Assert.Contains(pools["nodes"], s.Options.DependsOn));
        Assert.Contains(pools["ci"], graph["prod/ci-workers/ci-workers-statefulset"].Options.DependsOn);
        Assert.All(Of(graph, "CronJob").Where(c => c.Parent!.StartsWith("prod/snapshot-", StringComparison.Ordinal)), c => Assert.Contains(pools["nodes"], c.Options.DependsOn));
        Assert.All(Of(graph, "Deployment"), d => Assert.Contains(pools["ci"], d.Options.DependsOn));
        Assert.Contains(pools["system"], graph["prod/tekton/tekton-pipelines"].Options.DependsOn);
    }

    [Fact]
    public void Prod_protects_and_retains_its_namespaces_and_provisions_node_state_from_a_retain_class()
    {
        var graph = Declare("prod");
        foreach (var ns in Of(graph, "Namespace").Where(n => n.Name is "namespace-zcash" or "namespace-zcash-ci"))
        {
            Assert.True(ns.Options.Protect && ns.Options.RetainOnDelete, ns.Path);
        }

        // The node sets' class; the other is the snapshot jobs' state volumes' (volume snapshots), which deletes.
        var storage = Assert.Single(Of(graph, "StorageClass"), s => s.Name == "node-state-storage");
        Assert.Equal("zcash-node-state-prod", storage.Inputs["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("Delete", Assert.Single(Of(graph, "StorageClass"), s => s.Name != "node-state-storage").Inputs["reclaimPolicy"]!.GetValue<string>());
        Assert.Equal("Retain", storage.Inputs["reclaimPolicy"]!.GetValue<string>());
        Assert.Equal("ebs.csi.aws.com", storage.Inputs["provisioner"]!.GetValue<string>());
        foreach (var set in Of(graph, "StatefulSet").Where(s => !s.Path.StartsWith("prod/ci-workers/", StringComparison.Ordinal)))
        {
            Assert.Contains(storage.Path, set.Options.DependsOn);
            Assert.Equal("zcash-node-state-prod", set.Inputs["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["storageClassName"]!.GetValue<string>());
            Assert.Equal("Retain", set.Inputs["spec"]!["persistentVolumeClaimRetentionPolicy"]!["whenDeleted"]!.GetValue<string>());
        }

        var devNamespace = Of(Declare("dev"), "Namespace").Single(n => n.Name == "namespace-zcash");
        Assert.False(devNamespace.Options.Protect);
        Assert.Equal("Delete", Assert.Single(Of(Declare("dev"), "StorageClass")).Inputs["reclaimPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Service_monitors_carry_the_configured_selector_labels_and_bad_labels_are_refused()
    {
        Assert.All(Of(Declare("prod"), "ServiceMonitor"),
            m => Assert.Equal("kube-prometheus-stack", m.Inputs["metadata"]!["labels"]!["release"]!.GetValue<string>()));
        StackYaml.AssertReports(StackYaml.WithBase("  zcash-infra:monitoring:\n    serviceMonitorLabels:\n      app.kubernetes.io/name: x\n"),
            "zcash-infra:monitoring.serviceMonitorLabels.app.kubernetes.io/name: app.kubernetes.io/ labels are set by this project");
        Assert.False(StackYaml.WithBase("  zcash-infra:monitoring:\n    serviceMonitorLabels:\n      release: -bad-\n").IsValid);
    }

    [Fact]
    public void The_zcash_namespace_is_a_setting_and_cannot_take_a_namespace_of_the_cluster_or_of_ci()
    {
        var settings = StackYaml.WithBase("  zcash-infra:namespace: zcash-blue\n").GetOrThrow();
        var graph = ZcashEnvironment.Declare("test", settings);
        Assert.Equal("zcash-blue", graph["test/namespace-zcash"].Inputs["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("zcash-blue", graph["test/snapshot-access/snapshot-access-reader-service-account"].Inputs["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Contains("[zcash-blue/zcash-snapshot-reader]", graph.Resources.Single(n => n.Name == "snapshot-access-reader-workload-identity").Inputs["member"]!.GetValue<string>(), StringComparison.Ordinal);

        StackYaml.AssertReports(StackYaml.WithBase($"  zcash-infra:namespace: {Namespaces.Ci}\n"),
            $"zcash-infra:namespace: '{Namespaces.Ci}' belongs to the cluster or to another part of this project; choose another name");
    }

    [Fact]
    public void Every_stack_gets_a_namespace_of_its_own_even_when_its_name_is_long()
    {
        Assert.Equal("eph-ci-testnet-latest-abc123", StackNamespace.For("eph-ci-testnet-latest-abc123"));
        var a = StackNamespace.For("eph-" + new string('a', 80) + "-testnet-latest-11111111");
        var b = StackNamespace.For("eph-" + new string('a', 80) + "-testnet-latest-22222222");
        Assert.NotEqual(a, b);
        Assert.All(new[] { a, b, StackNamespace.For("9-Numbers_First") }, n => Assert.True(ZcashInfra.Stacks.Settings.KubernetesNames.IsDnsLabel(n), n));
    }
}
