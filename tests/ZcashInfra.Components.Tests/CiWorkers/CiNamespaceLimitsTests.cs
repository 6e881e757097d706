using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.Support;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.CiWorkers;

public class CiNamespaceLimitsTests
{
    private static ResourceGraph Declare(string? excluded)
    {
        var builder = new GraphBuilder("test");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        var ns = Namespaces.Declare(builder.Root, "namespace-zcash-ci", Namespaces.Ci, k8s, "zcash-ci");
        CiNamespaceLimits.Declare(builder.Root, "ci-limits", new CiNamespaceLimitsArgs
        {
            Provider = k8s,
            Namespace = Namespaces.Ci,
            Quota = new CiQuota("32", "128Gi", 60, 20, "2Ti"),
            ExcludedPriorityClass = excluded,
            DependsOn = [ns],
        });
        return builder.Build();
    }

    [Fact]
    public void The_quota_caps_requests_pods_and_volumes_and_leaves_placeholders_to_their_own()
    {
        var spec = Declare("zcash-ci-warm-capacity").Object("ResourceQuota", CiNamespaceLimits.Name)["spec"]!;
        Assert.Equal("32", spec["hard"]!["requests.cpu"]!.GetValue<string>());
        Assert.Equal("128Gi", spec["hard"]!["requests.memory"]!.GetValue<string>());
        Assert.Equal("60", spec["hard"]!["pods"]!.GetValue<string>());
        var storage = Declare("zcash-ci-warm-capacity").Object("ResourceQuota", CiNamespaceLimits.StorageName)["spec"]!;
        Assert.Equal("20", storage["hard"]!["persistentvolumeclaims"]!.GetValue<string>());
        Assert.Equal("2Ti", storage["hard"]!["requests.storage"]!.GetValue<string>());

        // A PriorityClass scope may limit only pods, cpu and memory: volumes sit in an unscoped quota.
        Assert.Null(spec["hard"]!["persistentvolumeclaims"]);
        Assert.Null(storage["scopeSelector"]);
        var scope = spec["scopeSelector"]!["matchExpressions"]![0]!;
        Assert.Equal("NotIn", scope["operator"]!.GetValue<string>());
        Assert.Equal(["zcash-ci-warm-capacity"], scope["values"].Strings());

        Assert.Null(Declare(null).Object("ResourceQuota", CiNamespaceLimits.Name)["spec"]!["scopeSelector"]);
    }

    [Fact]
    public void Containers_without_requests_get_defaults_so_the_quota_can_count_them()
    {
        var limit = Declare(null).Object("LimitRange", CiNamespaceLimits.Name)["spec"]!["limits"]![0]!;
        Assert.Equal("Container", limit["type"]!.GetValue<string>());
        Assert.Equal("100m", limit["defaultRequest"]!["cpu"]!.GetValue<string>());
        Assert.Equal("128Mi", limit["defaultRequest"]!["memory"]!.GetValue<string>());
        Assert.Equal("512Mi", limit["default"]!["memory"]!.GetValue<string>());
    }

    [Fact]
    public void Every_object_validates() => Assert.Empty(TestSchemas.Validator.Validate(Declare("x"), EnvironmentTier.Production));
}
