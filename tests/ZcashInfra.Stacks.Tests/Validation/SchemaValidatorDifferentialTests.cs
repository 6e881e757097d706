using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Compose;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Validation;
using ZcashInfra.Components.Validation.JsonSchemas;
using ZcashInfra.Components.Yaml;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests.Validation;

/// <summary>
/// The in-repo schema validator gives the same errors, in the same order, as NJsonSchema did, for
/// every object the dev and prod stacks render, their Compose files, and systematic breakages of
/// each. The cases where it deliberately differs (NJsonSchema was wrong against the API server)
/// are listed in <see cref="Deliberate_differences"/>, never hidden here.
/// </summary>
public class SchemaValidatorDifferentialTests
{
    private static readonly KubernetesSchemas Kubernetes = new(TestSchemas.Folder);
    private static readonly ConcurrentDictionary<string, CompiledSchema> Compiled = new(StringComparer.Ordinal);

    private static ResourceGraph Declare(string stack) =>
        ZcashEnvironment.Declare(stack, StackConfigFile.Load(RepoPaths.Root, stack).GetOrThrow());

    private static IReadOnlyList<string> Ours(string schemaText, JsonObject document) =>
        [.. Compiled.GetOrAdd(schemaText, text => CompiledSchema.Parse(text, "test")).Validate(document).Select(e => e.ToString()).Distinct()];

    /// <summary>Both validators on one document; returns how many errors they agreed on.</summary>
    private static int Compare(string schemaText, JsonObject document, string what)
    {
        var expected = NJsonSchemaReference.Validate(schemaText, document.ToJsonString());
        var actual = Ours(schemaText, document);
        Assert.True(expected.SequenceEqual(actual),
            $"{what}\n  NJsonSchema: {string.Join(" | ", expected)}\n  in-repo:     {string.Join(" | ", actual)}");
        return actual.Count;
    }

    private static (string Schema, JsonObject Object)[] KubernetesObjects(string stack) =>
    [
        .. Declare(stack).Resources
            .Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type))
            .Select(n => (JsonObject)InputTree.ToPlainJson(n.Inputs)!)
            .Select(o => (Kubernetes.SchemaText(o["apiVersion"]!.GetValue<string>(), o["kind"]!.GetValue<string>())!, o)),
    ];

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_rendered_object_and_its_breakages_get_the_same_errors(string stack)
    {
        var objects = KubernetesObjects(stack);
        Assert.True(objects.Length > 20, $"{stack} renders {objects.Length} objects");
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        var errors = 0;
        foreach (var (schema, o) in objects)
        {
            Assert.NotNull(schema);
            var name = $"{o["kind"]} {o["metadata"]?["name"]}";
            Assert.Equal(0, Compare(schema, o, name));
            foreach (var (mutation, document) in Mutations.Of(o, places: 12))
            {
                errors += Compare(schema, document, $"{name}: {mutation}");
                kinds.UnionWith(Ours(schema, document).Select(e => e.Split(": ")[1].Split(' ')[0]));
            }
        }

        // The breakages reach every kind of error the schemas can give here.
        Assert.True(errors > 500, $"{errors} errors");
        Assert.Superset(
            new HashSet<string>(["NoAdditionalPropertiesAllowed", "PropertyRequired", "NoTypeValidates", "StringExpected", "IntegerExpected", "NotInEnumeration", "ObjectExpected", "ArrayExpected"]),
            kinds);
    }

    [Theory]
    [InlineData("dev", false)]
    [InlineData("prod", true)]
    public void The_compose_files_and_their_breakages_get_the_same_errors(string stack, bool includeMainnet)
    {
        var schema = File.ReadAllText(Path.Combine(TestSchemas.Folder, ComposeSchema.File));
        var document = (JsonObject)YamlJson.Parse(ComposeStack.Render(stack, StackConfigFile.Load(RepoPaths.Root, stack).GetOrThrow(), includeMainnet))!;
        Assert.Equal(0, Compare(schema, document, $"{stack} compose file"));
        var errors = Mutations.Of(document, places: 150).Sum(m => Compare(schema, m.Document, m.Name));
        Assert.True(errors > 100, $"{errors} errors");
    }

    /// <summary>
    /// Where the validators deliberately differ (kept out of the comparisons above, which never meet
    /// it: only status fields have the form). <c>x-kubernetes-int-or-string</c> without an
    /// <c>anyOf</c>: the API server reads it as type [integer, string] whatever the <c>type</c> says
    /// (kubernetes/apiextensions-apiserver <c>pkg/apiserver/validation/validation.go</c>,
    /// <c>ConvertJSONSchemaPropsWithPostProcess</c>); NJsonSchema ignores the extension.
    /// </summary>
    [Fact]
    public void Deliberate_differences()
    {
        var schema = Kubernetes.SchemaText("snapshot.storage.k8s.io/v1", "VolumeSnapshot")!;
        var snapshot = new JsonObject
        {
            ["apiVersion"] = "snapshot.storage.k8s.io/v1",
            ["kind"] = "VolumeSnapshot",
            ["metadata"] = new JsonObject { ["name"] = "cut" },
            ["spec"] = new JsonObject { ["source"] = new JsonObject { ["persistentVolumeClaimName"] = "state" } },
            ["status"] = new JsonObject { ["restoreSize"] = 5 },
        };
        Assert.Equal(["#/status.restoreSize: StringExpected (restoreSize)"], NJsonSchemaReference.Validate(schema, snapshot.ToJsonString()));
        Assert.Empty(Ours(schema, snapshot));

        snapshot["status"]!["restoreSize"] = true;
        Assert.Equal(["#/status.restoreSize: NoTypeValidates (restoreSize)"], Ours(schema, snapshot));
    }

    private static (string Schema, JsonObject Object) First(string stack, string kind, Func<JsonObject, bool>? where = null) =>
        KubernetesObjects(stack).First(o => o.Object["kind"]!.GetValue<string>() == kind && (where is null || where(o.Object)));

    /// <summary>Named breakages: each gives exactly these errors, the same from both validators.</summary>
    [Theory]
    [InlineData("Service", "spec.ports[0].port", "\"8233\"", "#/spec.ports: NoTypeValidates (ports)")]
    [InlineData("Service", "spec.ports[0].targetPort", "\"p2p\"", "")]
    [InlineData("Service", "spec.ports[0].targetPort", "8233", "")]
    [InlineData("Service", "kind", "\"Services\"", "#/kind: NotInEnumeration (kind)")]
    [InlineData("VolumeSnapshotClass", "deletionPolicy", "\"Keep\"", "#/deletionPolicy: NotInEnumeration (deletionPolicy)")]
    [InlineData("StatefulSet", "spec.updateStrategy", "{\"rollingUpdate\":{\"maxUnavailable\":1.5}}", "#/spec.updateStrategy.rollingUpdate.maxUnavailable: NoTypeValidates")]
    [InlineData("StatefulSet", "spec.updateStrategy", "{\"rollingUpdate\":{\"maxUnavailable\":\"25%\"}}", "")]
    [InlineData("StatefulSet", "spec.selector", null, "#/spec.selector: PropertyRequired (selector)")]
    [InlineData("StatefulSet", "metadata.zzUnknownField", "1", "#/metadata.zzUnknownField: NoAdditionalPropertiesAllowed (zzUnknownField)")]
    [InlineData("StatefulSet", "metadata.labels.app\u2024kubernetes\u2024io/name", "5", "#/metadata.labels['app.kubernetes.io/name']: NoTypeValidates")]
    [InlineData("StatefulSet", "spec.template.spec.containers[0].zzUnknownField", "1", "#/spec.template.spec.containers[0].zzUnknownField: NoAdditionalPropertiesAllowed (zzUnknownField)")]
    [InlineData("StatefulSet", "spec.template.spec.volumes[0].zzUnknownField", "1", "#/spec.template.spec.volumes: NoTypeValidates (volumes)")]
    [InlineData("Task", "spec.steps[0].zzUnknownField", "1", "#/spec.steps[0].zzUnknownField: NoAdditionalPropertiesAllowed (zzUnknownField)")]
    [InlineData("Task", "spec.steps[0].image", "5", "#/spec.steps[0].image: StringExpected (image)")]
    [InlineData("Task", "spec.params[0].default", "{\"preserved\":{\"as\":[1, true]}}", "")]
    [InlineData("Task", "spec.params[0]", "{}", "#/spec.params[0].name: PropertyRequired (name)")]
    [InlineData("StatefulSet", "spec.replicas", "1.0", "#/spec.replicas: NoTypeValidates (replicas)")]
    public void Named_breakages_give_these_errors_from_both(string kind, string path, string? json, string expected)
    {
        var (schema, original) = First("prod", kind, o => kind switch
        {
            "Service" => o["spec"]?["ports"] is JsonArray,
            "Task" => o["spec"]?["params"] is JsonArray && o["spec"]?["steps"] is JsonArray,
            "StatefulSet" => o["spec"]?["template"]?["spec"]?["volumes"] is JsonArray,
            _ => true,
        });
        var document = original.DeepClone().AsObject();
        Place(document, path, json is null ? null : JsonNode.Parse(json), remove: json is null);
        Compare(schema, document, $"{kind} {path} = {json}");
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), Ours(schema, document));
    }

    /// <summary>Sets (or removes) the value at a dotted path with [i] indexes; a one-dot leader (U+2024) stands for a dot inside a name.</summary>
    private static void Place(JsonObject document, string path, JsonNode? value, bool remove)
    {
        var steps = path.Split('.');
        JsonNode node = document;
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i].Replace('\u2024', '.');
            var bracket = step.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? step : step[..bracket];
            var last = i == steps.Length - 1;
            if (bracket >= 0)
            {
                var index = int.Parse(step[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                var list = node[name]!.AsArray();
                if (last)
                {
                    list[index] = value;
                    return;
                }

                node = list[index]!;
            }
            else if (last)
            {
                if (remove)
                {
                    node.AsObject().Remove(name);
                }
                else
                {
                    node.AsObject()[name] = value;
                }
            }
            else
            {
                node = node[name] ??= new JsonObject();
            }
        }
    }
}
