using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Kubernetes;

public class KubernetesObjectsTests
{
    [Theory]
    [InlineData("v1", "ConfigMap", "kubernetes:core/v1:ConfigMap")]
    [InlineData("apps/v1", "StatefulSet", "kubernetes:apps/v1:StatefulSet")]
    [InlineData("tekton.dev/v1", "Pipeline", "kubernetes:tekton.dev/v1:Pipeline")]
    public void The_type_token_comes_from_apiVersion_and_kind(string apiVersion, string kind, string token) =>
        Assert.Equal(token, KubernetesObjects.TypeToken(apiVersion, kind));

    [Fact]
    public void Objects_use_the_explicit_provider_and_must_be_complete()
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        var ns = Namespaces.Declare(builder.Root, "zcash-namespace", Namespaces.Zcash, k8s, "zcash-nodes");
        Assert.Equal(k8s, builder.Build()[ns].Options.Provider);

        Assert.Throws<GraphException>(() => KubernetesObjects.Declare(builder.Root, "x", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap" }, k8s));
        Assert.Throws<GraphException>(() => KubernetesObjects.Declare(builder.Root, "y", new JsonObject { ["kind"] = "ConfigMap" }, k8s));
    }

    [Fact]
    public void Namespaces_enforce_the_restricted_pod_security_standard_and_validate()
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        var ns = Namespaces.Declare(builder.Root, "ci-namespace", Namespaces.Ci, k8s, "ci");
        var graph = builder.Build();

        Assert.Equal("restricted", graph[ns].Inputs["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]!.GetValue<string>());
        Assert.Equal("zcash-infra", graph[ns].Inputs["metadata"]!["labels"]![RecommendedLabels.ManagedBy]!.GetValue<string>());
        Assert.Empty(TestSchemas.Validator.Validate(graph, EnvironmentTier.Production));
    }
}
