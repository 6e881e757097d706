using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.Ci;
using ZcashInfra.Components.Tests.Support;

namespace ZcashInfra.Components.Tests.Policies;

/// <summary>kubernetes pkg/apis/core/helper/helpers.go IsResourceQuotaScopeValidForResource, as a policy.</summary>
public class QuotaScopePolicyTests
{
    private static List<string> Check(params (string Scope, string[] Hard)[] quotas)
    {
        var builder = new GraphBuilder("t");
        var i = 0;
        foreach (var (scope, hard) in quotas)
        {
            var spec = new JsonObject { ["hard"] = new JsonObject([.. hard.Select(h => KeyValuePair.Create(h, (JsonNode?)"1"))]) };
            if (scope.Length > 0)
            {
                spec["scopeSelector"] = new JsonObject
                {
                    ["matchExpressions"] = new JsonArray(new JsonObject { ["scopeName"] = scope, ["operator"] = "Exists" }),
                };
            }

            builder.Root.Resource("kubernetes:core/v1:ResourceQuota", $"q{i++}", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ResourceQuota", ["spec"] = spec });
        }

        return [.. new QuotaScopePolicy().Check(new PolicyContext(builder.Build(), EnvironmentTier.Development)).Select(f => $"{f.ResourcePath}: {f.Message}")];
    }

    [Fact]
    public void Volumes_under_a_priority_class_scope_are_refused_as_the_api_server_refuses_them()
    {
        var findings = Check(("PriorityClass", ["requests.cpu", "requests.memory", "pods", "persistentvolumeclaims", "requests.storage"]));
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.StartsWith("t/q0: spec.hard.persistentvolumeclaims under scope PriorityClass", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("t/q0: spec.hard.requests.storage under scope PriorityClass", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_scope_allows_what_kubernetes_allows()
    {
        Assert.Empty(Check(
            ("", ["persistentvolumeclaims", "requests.storage", "services"]),
            ("NotTerminating", ["limits.cpu", "limits.memory", "pods"]),
            ("BestEffort", ["pods"]),
            ("PriorityClass", ["count/jobs.batch", "example.com/gpu"])));
        Assert.Single(Check(("BestEffort", ["requests.cpu"])));
        Assert.Contains("not one this project knows", Assert.Single(Check(("VolumeAttributesClass", ["requests.storage"]))), StringComparison.Ordinal);
    }

    [Fact]
    public void The_ci_limits_are_split_so_the_scoped_quota_holds_only_pod_resources()
    {
        var graph = CiGraphs.Full();
        Assert.Empty(new QuotaScopePolicy().Check(new PolicyContext(graph, EnvironmentTier.Production)));
        var compute = graph.Object("ResourceQuota", "ci-limits", Namespaces.Ci);
        var storage = graph.Object("ResourceQuota", "ci-storage-limits", Namespaces.Ci);
        Assert.Equal(["pods", "requests.cpu", "requests.memory"], compute["spec"]!["hard"]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.NotNull(compute["spec"]!["scopeSelector"]);
        Assert.Equal(["persistentvolumeclaims", "requests.storage"], storage["spec"]!["hard"]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Null(storage["spec"]!["scopeSelector"]);
    }
}
