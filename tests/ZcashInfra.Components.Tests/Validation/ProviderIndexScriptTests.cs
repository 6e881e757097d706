using System.Diagnostics;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.Tests.Support;
using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Validation;

/// <summary>
/// scripts/provider-index.py turns the package schema that <c>pulumi package get-schema</c> prints
/// into the index <c>validate</c> reads. The Pulumi CLI is not needed here: the input is a small
/// schema written by hand in Pulumi's package schema format.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class ProviderIndexScriptTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("provider-index-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Every_kind_of_property_type_converts_to_the_index_format()
    {
        var index = Convert("--modules", "storage");

        var bucket = index["resources"]!["gcp:storage/bucket:Bucket"]!;
        Assert.Equal(
            """{"either":"any","forceDestroy":"bool","labels":{"map":"string"},"lifecycleRules":{"list":{"type":"gcp:storage/BucketLifecycleRule:BucketLifecycleRule"}},"location":"string","name":"string","policy":"any","ratio":"double","retentionDays":"int","storageClass":"string"}""",
            bucket["inputs"]!.ToJsonString());
        Assert.Equal("""["location"]""", bucket["required"]!.ToJsonString());

        // Only the types the kept resources reach; an enum is its scalar, not a type.
        Assert.Equal(
            ["gcp:storage/BucketLifecycleRule:BucketLifecycleRule", "gcp:storage/BucketLifecycleRuleAction:BucketLifecycleRuleAction"],
            index["types"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal("""["type"]""", index["types"]!["gcp:storage/BucketLifecycleRuleAction:BucketLifecycleRuleAction"]!["required"]!.ToJsonString());
        Assert.Null(index["resources"]!["gcp:compute/network:Network"]);
        Assert.Equal("pulumi package get-schema gcp@9.35.0", index["source"]!["schema"]!.GetValue<string>());
    }

    [Fact]
    public void A_converted_index_is_what_validate_reads()
    {
        var index = Convert();
        var folder = Path.Combine(_dir.FullName, "schemas");
        Directory.CreateDirectory(Path.Combine(folder, "pulumi"));
        File.WriteAllText(Path.Combine(folder, ProviderIndex.IndexFile("gcp")!), index.ToJsonString());

        var builder = new GraphBuilder("t");
        builder.Root.Resource("gcp:storage/bucket:Bucket", "b", new JsonObject
        {
            ["nmae"] = "b",
            ["labels"] = new JsonObject { ["team"] = 7 },
            ["lifecycleRules"] = new JsonArray(new JsonObject { ["condition"] = new JsonObject() }),
        });
        var node = builder.Build().Resources.Single();

        var problems = new ProviderIndex(folder).Validate(node);

        Assert.Contains(problems, p => p.StartsWith("nmae: unknown input", StringComparison.Ordinal));
        Assert.Contains("labels.team: must be string, got int", problems);
        Assert.Contains("lifecycleRules[0].action: required input is missing", problems);
        Assert.Contains("location: required input is missing", problems);
        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void Kubernetes_gets_its_token_list()
    {
        var index = Convert("--tokens-only");
        Assert.Equal("""["gcp:compute/network:Network","gcp:storage/bucket:Bucket"]""", index["resourceTypes"]!.ToJsonString());
    }

    private JsonObject Convert(params string[] options)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(RepoPaths.At("scripts", "provider-index.py"));
        info.ArgumentList.Add(RepoPaths.At("tests", "ZcashInfra.Components.Tests", "Validation", "fixtures", "pulumi-package-schema.json"));
        foreach (var option in options)
        {
            info.ArgumentList.Add(option);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return JsonNode.Parse(output.Result)!.AsObject();
    }
}
