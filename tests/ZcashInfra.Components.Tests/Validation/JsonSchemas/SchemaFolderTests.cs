using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation;
using ZcashInfra.Components.Validation.JsonSchemas;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Validation.JsonSchemas;

/// <summary>Every schema in the offline folder loads: each keyword in it is implemented or named as not validating.</summary>
public class SchemaFolderTests
{
    [Fact]
    public void Every_kubernetes_and_compose_schema_in_the_folder_compiles()
    {
        var files = Directory.GetFiles(Path.Combine(TestSchemas.Folder, KubernetesSchemas.KubernetesSet), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(TestSchemas.Folder, "crds-catalog"), "*.json", SearchOption.AllDirectories))
            .Append(Path.Combine(TestSchemas.Folder, ZcashInfra.Components.Compose.ComposeSchema.File))
            .ToList();
        Assert.True(files.Count > 20);
        Assert.All(files, f => CompiledSchema.Parse(File.ReadAllText(f), f));
    }

    [Theory]
    [InlineData("tekton.dev/v1", "Task")]
    [InlineData("tekton.dev/v1", "TaskRun")]
    [InlineData("tekton.dev/v1", "Pipeline")]
    [InlineData("tekton.dev/v1", "PipelineRun")]
    [InlineData("tekton.dev/v1beta1", "Task")]
    [InlineData("snapshot.storage.k8s.io/v1", "VolumeSnapshot")]
    [InlineData("snapshot.storage.k8s.io/v1", "VolumeSnapshotContent")]
    [InlineData("snapshot.storage.k8s.io/v1", "VolumeSnapshotClass")]
    public void Every_crd_version_in_use_compiles_and_rejects_an_unknown_top_level_field(string apiVersion, string kind)
    {
        var schemas = new KubernetesSchemas(TestSchemas.Folder);
        var text = schemas.SchemaText(apiVersion, kind);
        Assert.NotNull(text);
        var compiled = CompiledSchema.Parse(text, kind);
        var errors = compiled.Validate(new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["zzUnknown"] = 1 });
        Assert.Contains(errors, e => e.ToString() == "#/zzUnknown: NoAdditionalPropertiesAllowed (zzUnknown)");
    }

    /// <summary>The Triggers CRDs preserve unknown fields from the root (their webhook checks names: <see cref="StrictDecoding"/>).</summary>
    [Theory]
    [InlineData("EventListener")]
    [InlineData("TriggerBinding")]
    [InlineData("TriggerTemplate")]
    public void The_triggers_crds_compile_and_are_open(string kind)
    {
        var text = new KubernetesSchemas(TestSchemas.Folder).SchemaText("triggers.tekton.dev/v1beta1", kind);
        Assert.Empty(CompiledSchema.Parse(text!, kind).Validate(new JsonObject { ["zzUnknown"] = 1 }));
    }
}
