using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Validation;

public class KubernetesSchemasTests
{
    private static readonly KubernetesSchemas Schemas = new(TestSchemas.Folder);

    private static JsonObject ConfigMap() => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "zebrad", ["namespace"] = "zcash" },
        ["data"] = new JsonObject { ["zebrad.toml"] = "[network]\n" },
    };

    private static JsonObject Service(JsonNode port) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = "peers" },
        ["spec"] = new JsonObject
        {
            ["clusterIP"] = "None",
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "p2p", ["port"] = port }),
        },
    };

    [Fact]
    public void A_valid_object_passes()
    {
        Assert.Empty(Schemas.Validate(ConfigMap()));
        Assert.Empty(Schemas.Validate(Service(8233)));
    }

    [Fact]
    public void A_number_written_as_a_string_fails_the_strict_schema() =>
        Assert.NotEmpty(Schemas.Validate(Service("8233")));

    [Fact]
    public void An_unknown_field_fails_the_strict_schema()
    {
        var map = ConfigMap();
        map["metadata"]!["lables"] = new JsonObject();
        Assert.Contains(Schemas.Validate(map), e => e.Contains("lables", StringComparison.Ordinal) || e.Contains("NoAdditionalProperties", StringComparison.Ordinal));
    }

    /// <summary>
    /// Schemas are loaded without their description texts (most of their bytes) and kept prepared
    /// for the next run; a property that is named description still validates, a misspelt one fails.
    /// </summary>
    [Fact]
    public void Prepared_schemas_drop_descriptions_but_keep_a_property_named_description()
    {
        var cache = Directory.CreateTempSubdirectory("prepared-");
        try
        {
            var schemas = new KubernetesSchemas(TestSchemas.Folder, cache.FullName);
            JsonObject PriorityClass(string key) => new()
            {
                ["apiVersion"] = "scheduling.k8s.io/v1",
                ["kind"] = "PriorityClass",
                ["metadata"] = new JsonObject { ["name"] = "low" },
                ["value"] = -10,
                [key] = "placeholders",
            };

            Assert.Empty(schemas.Validate(PriorityClass("description")));
            Assert.NotEmpty(schemas.Validate(PriorityClass("descripton")));

            var prepared = JsonNode.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(cache.FullName, "*.json"))))!.AsObject();
            Assert.NotNull(prepared["properties"]!["description"]);
            Assert.Null(prepared["description"]);
            Assert.Null(prepared["properties"]!["metadata"]!["description"]);
            Assert.True(new FileInfo(Directory.GetFiles(cache.FullName, "*.json")[0]).Length < new FileInfo(Path.Combine(TestSchemas.Folder, KubernetesSchemas.KubernetesSet, "priorityclass-scheduling-v1.json")).Length / 2);
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_kind_without_a_schema_is_an_error_not_a_pass()
    {
        var unknown = new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } };
        Assert.Contains(Schemas.Validate(unknown), e => e.Contains("no schema for example.com/v1 Widget", StringComparison.Ordinal));
    }

    [Fact]
    public void Tekton_objects_are_checked_against_the_v1_crd_schema()
    {
        var task = new JsonObject
        {
            ["apiVersion"] = "tekton.dev/v1",
            ["kind"] = "Task",
            ["metadata"] = new JsonObject { ["name"] = "build" },
            ["spec"] = new JsonObject
            {
                ["steps"] = new JsonArray(new JsonObject { ["name"] = "cargo", ["image"] = "rust:1.85", ["script"] = "cargo build" }),
            },
        };
        Assert.Empty(Schemas.Validate(task));

        task["spec"]!["steps"] = "cargo build";
        Assert.NotEmpty(Schemas.Validate(task));
    }

    [Fact]
    public void The_graph_validator_checks_that_the_type_token_matches_apiVersion_and_kind()
    {
        var builder = new GraphBuilder("t");
        builder.Root.Resource("kubernetes:core/v1:Secret", "cm", ConfigMap());
        var findings = new GraphValidator(TestSchemas.Folder).Validate(builder.Build(), EnvironmentTier.Development);
        Assert.Contains(findings, f => f.Check == "schema" && f.Message.Contains("expected kubernetes:core/v1:ConfigMap", StringComparison.Ordinal));
    }

    [Fact]
    public void Validation_without_a_schema_folder_fails_and_says_where_it_looked()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-schemas-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<SchemasNotFoundException>(() => SchemaLocator.Locate(missing));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("fetch-schemas.sh", e.Message, StringComparison.Ordinal);
    }
}
