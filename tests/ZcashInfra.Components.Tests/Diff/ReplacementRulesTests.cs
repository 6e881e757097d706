using System.Text.Json.Nodes;
using ZcashInfra.Components.Diff;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Diff;

/// <summary>The replacement table names real things: every type exists and every path is a property of it.</summary>
public class ReplacementRulesTests
{
    public static TheoryData<string, string> Rules()
    {
        var data = new TheoryData<string, string>();
        foreach (var (type, paths) in ReplacementRules.ByType)
        {
            foreach (var path in paths)
            {
                data.Add(type, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_rule_is_a_property_of_its_type(string type, string path)
    {
        var segments = PropertyPath.Parse(path).Keys;
        if (type.StartsWith("kubernetes:", StringComparison.Ordinal))
        {
            var schema = KubernetesSchema(type);
            foreach (var segment in segments)
            {
                schema = schema["items"] as JsonObject ?? schema;
                Assert.True(schema["properties"]?[segment] is JsonObject, $"{type}: '{segment}' of '{path}' is not in the schema");
                schema = schema["properties"]![segment]!.AsObject();
            }
        }
        else
        {
            var index = JsonNode.Parse(File.ReadAllText(Path.Combine(TestSchemas.Folder, ProviderIndex.IndexFile(type.Split(':')[0])!)))!;
            var shape = index["resources"]?[type]?.AsObject();
            Assert.True(shape is not null, $"{type} is not in the provider index");
            foreach (var segment in segments)
            {
                var kind = shape!["inputs"]?[segment];
                Assert.True(kind is not null, $"{type}: '{segment}' of '{path}' is not an input");
                shape = kind is JsonObject { } nested && nested["type"] is JsonValue t ? index["types"]![t.GetValue<string>()]!.AsObject() : null;
            }
        }
    }

    [Fact]
    public void The_cloud_rules_were_read_against_the_pinned_provider_versions()
    {
        foreach (var (package, version) in ReplacementRules.CheckedAgainst)
        {
            Assert.True(ProviderPins.VersionOf(package) == version,
                $"pulumi-{package} is pinned at {ProviderPins.VersionOf(package)}, but ReplacementRules' {package} entries were read against {version}: " +
                "re-read each entry's ForceNew fields in the bridged Terraform provider of the new version, then update ReplacementRules.CheckedAgainst");
        }

        Assert.Equal(["aws", "gcp"], ReplacementRules.ByType.Keys.Select(TypeTokens.PackageOf).Where(p => p != "kubernetes").Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Kubernetes_identity_applies_to_every_kubernetes_object_but_not_to_providers_or_cloud_resources()
    {
        var name = PropertyPath.Parse("metadata.name");
        Assert.NotNull(ReplacementRules.Match("kubernetes:core/v1:Namespace", name));
        Assert.NotNull(ReplacementRules.Match("kubernetes:tekton.dev/v1:Pipeline", PropertyPath.Parse("metadata.namespace")));
        Assert.Null(ReplacementRules.Match("pulumi:providers:kubernetes", name));
        Assert.Null(ReplacementRules.Match("gcp:storage/bucket:Bucket", name));
        Assert.Null(ReplacementRules.Match("kubernetes:core/v1:Namespace", PropertyPath.Parse("metadata.labels.team")));
    }

    [Fact]
    public void A_rule_covers_everything_beneath_it_and_nothing_beside_it()
    {
        const string type = "kubernetes:apps/v1:StatefulSet";
        Assert.Equal("spec.selector", ReplacementRules.Match(type, PropertyPath.Parse("spec.selector.matchLabels[\"app.kubernetes.io/instance\"]"))?.ToString());
        Assert.Equal("spec.volumeClaimTemplates", ReplacementRules.Match(type, PropertyPath.Parse("spec.volumeClaimTemplates[0].spec.storageClassName"))?.ToString());
        Assert.Null(ReplacementRules.Match(type, PropertyPath.Parse("spec.replicas")));
        Assert.Null(ReplacementRules.Match(type, PropertyPath.Parse("spec.template.spec.containers[0].image")));
        Assert.Equal("nodeConfig.oauthScopes", ReplacementRules.Match("gcp:container/nodePool:NodePool", PropertyPath.Parse("nodeConfig.oauthScopes[0]"))?.ToString());
        Assert.Null(ReplacementRules.Match("gcp:container/nodePool:NodePool", PropertyPath.Parse("autoscaling.maxNodeCount")));
        Assert.Equal("instanceTypes", ReplacementRules.Match("aws:eks/nodeGroup:NodeGroup", PropertyPath.Parse("instanceTypes[0]"))?.ToString());
        Assert.Null(ReplacementRules.Match("aws:eks/nodeGroup:NodeGroup", PropertyPath.Parse("scalingConfig.desiredSize")));
    }

    [Theory]
    [InlineData("nodeConfig.machineType")]
    [InlineData("nodeConfig.diskSizeGb")]
    [InlineData("nodeConfig.diskType")]
    public void Gke_node_pools_change_machine_and_boot_disk_in_place(string property) =>
        // hashicorp/terraform-provider-google google/services/container/node_config.go: no ForceNew
        // since 5.10 (GoogleCloudPlatform/magic-modules pull 9575); GKE migrates the nodes instead.
        Assert.Null(ReplacementRules.Match("gcp:container/nodePool:NodePool", PropertyPath.Parse(property)));

    private static JsonObject KubernetesSchema(string type)
    {
        // kubernetes:apps/v1:StatefulSet → apiVersion apps/v1, kind StatefulSet (core/v1 is plain v1).
        var parts = type.Split(':');
        var apiVersion = parts[1].StartsWith("core/", StringComparison.Ordinal) ? parts[1]["core/".Length..] : parts[1];
        var location = new KubernetesSchemas(TestSchemas.Folder).Locate(apiVersion, parts[2]);
        Assert.True(location is not null, $"no schema for {type}");
        return JsonNode.Parse(File.ReadAllText(Path.Combine(TestSchemas.Folder, location.Value.File)))!.AsObject();
    }
}
