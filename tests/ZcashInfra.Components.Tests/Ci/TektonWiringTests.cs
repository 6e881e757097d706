using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Tests.Support;

namespace ZcashInfra.Components.Tests.Ci;

/// <summary>
/// Tekton resolves names only when a run starts, so a renamed parameter, workspace, result, Task or
/// binding would fail a run, not a deploy. These tests resolve every reference of the rendered CI
/// objects the way Tekton and Triggers do.
/// </summary>
public partial class TektonWiringTests
{
    private static readonly ResourceGraph Graph = CiGraphs.Full();

    private static string Ns(JsonObject o) => o["metadata"]!["namespace"]!.GetValue<string>();

    private static string Name(JsonNode? o) => o!["name"]!.GetValue<string>();

    private static IEnumerable<string> Refs(JsonNode? node, Regex pattern) =>
        pattern.Matches(node?.ToJsonString() ?? string.Empty).Select(m => m.Groups[1].Value).Distinct();

    private static JsonObject TaskNamed(string ns, string name) =>
        Graph.Objects("Task").Single(t => Ns(t) == ns && Name(t["metadata"]) == name);

    private static HashSet<string> Declared(JsonNode? list) => (list as JsonArray ?? []).Select(Name).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Required(JsonNode? list) =>
        (list as JsonArray ?? []).Where(p => p!["default"] is null && p["optional"] is null).Select(Name).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_task_uses_only_the_params_workspaces_and_results_it_declares()
    {
        var tasks = Graph.Objects("Task").ToList();
        Assert.Equal(9, tasks.Count);
        foreach (var task in tasks)
        {
            var spec = task["spec"]!;
            var where = $"{Ns(task)}/{Name(task["metadata"])}";
            Assert.True(Refs(spec, ParamRef()).All(Declared(spec["params"]).Contains), where + ": params");
            Assert.True(Refs(spec, WorkspaceRef()).All(Declared(spec["workspaces"]).Contains), where + ": workspaces");
            Assert.True(Refs(spec, ResultRef()).All(Declared(spec["results"]).Contains), where + ": results");
        }
    }

    [Fact]
    public void Every_pipeline_task_names_a_task_of_its_namespace_and_passes_exactly_what_it_needs()
    {
        foreach (var pipeline in Graph.Objects("Pipeline"))
        {
            var spec = pipeline["spec"]!;
            var names = Declared(spec["tasks"]);
            Assert.True(Refs(spec["tasks"], ParamRef()).All(Declared(spec["params"]).Contains));
            foreach (var entry in spec["tasks"]!.AsArray())
            {
                var task = TaskNamed(Ns(pipeline), entry!["taskRef"]!["name"]!.GetValue<string>());
                var passed = Declared(entry["params"]);
                Assert.Subset(Declared(task["spec"]!["params"]), passed);
                Assert.Superset(Required(task["spec"]!["params"]), passed);
                var bound = Declared(entry["workspaces"]);
                Assert.Subset(Declared(task["spec"]!["workspaces"]), bound);
                Assert.Superset(Required(task["spec"]!["workspaces"]), bound);
                Assert.Subset(Declared(spec["workspaces"]), (entry["workspaces"] as JsonArray ?? []).Select(w => w!["workspace"]!.GetValue<string>()).ToHashSet());
                Assert.Subset(names, (entry["runAfter"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet());
                foreach (Match m in TaskResultRef().Matches(entry.ToJsonString()))
                {
                    var producer = spec["tasks"]!.AsArray().Single(t => Name(t) == m.Groups[1].Value)!;
                    var producerTask = TaskNamed(Ns(pipeline), producer["taskRef"]!["name"]!.GetValue<string>());
                    Assert.Contains(m.Groups[2].Value, Declared(producerTask["spec"]!["results"]));
                }
            }
        }
    }

    [Fact]
    public void Every_template_creates_runs_of_an_existing_pipeline_with_every_param_and_workspace_it_needs()
    {
        var templates = Graph.Objects("TriggerTemplate").ToList();
        Assert.Equal(3, templates.Count);
        foreach (var template in templates)
        {
            var spec = template["spec"]!;
            Assert.True(Refs(spec, TemplateParamRef()).All(Declared(spec["params"]).Contains));
            foreach (var run in spec["resourcetemplates"]!.AsArray().Select(r => r!.AsObject()))
            {
                var ns = run["metadata"]!["namespace"]?.GetValue<string>() ?? Ns(template);
                var pipeline = Graph.Objects("Pipeline").Single(p => Ns(p) == ns && Name(p["metadata"]) == run["spec"]!["pipelineRef"]!["name"]!.GetValue<string>());
                var passed = Declared(run["spec"]!["params"]);
                Assert.Subset(Declared(pipeline["spec"]!["params"]), passed);
                Assert.Superset(Required(pipeline["spec"]!["params"]), passed);
                Assert.Subset(Declared(pipeline["spec"]!["workspaces"]), Declared(run["spec"]!["workspaces"]));
                Assert.Superset(Required(pipeline["spec"]!["workspaces"]), Declared(run["spec"]!["workspaces"]));
            }
        }
    }

    [Fact]
    public void Every_trigger_binds_every_param_its_template_needs_from_existing_bindings()
    {
        var listener = Assert.Single(Graph.Objects("EventListener"));
        var bindings = Graph.Objects("TriggerBinding").ToDictionary(b => Name(b["metadata"]), b => Declared(b["spec"]!["params"]));
        var templates = Graph.Objects("TriggerTemplate").ToDictionary(t => Name(t["metadata"]), t => t["spec"]!["params"]);
        foreach (var trigger in listener["spec"]!["triggers"]!.AsArray())
        {
            var template = templates[trigger!["template"]!["ref"]!.GetValue<string>()];
            var provided = new HashSet<string>(StringComparer.Ordinal);
            foreach (var binding in trigger["bindings"]!.AsArray())
            {
                if (binding!["ref"] is { } reference)
                {
                    provided.UnionWith(bindings[reference.GetValue<string>()]);
                }
                else
                {
                    provided.Add(Name(binding));
                }
            }

            Assert.Subset(Declared(template), provided);
            Assert.Superset(Required(template), provided);
        }
    }

    [GeneratedRegex(@"\$\(params\.([a-z0-9-]+)\)")]
    private static partial Regex ParamRef();

    [GeneratedRegex(@"\$\(workspaces\.([a-z0-9-]+)\.")]
    private static partial Regex WorkspaceRef();

    [GeneratedRegex(@"\$\(results\.([a-z0-9-]+)\.path\)")]
    private static partial Regex ResultRef();

    [GeneratedRegex(@"\$\(tt\.params\.([a-z0-9-]+)\)")]
    private static partial Regex TemplateParamRef();

    [GeneratedRegex(@"\$\(tasks\.([a-z0-9-]+)\.results\.([a-z0-9-]+)\)")]
    private static partial Regex TaskResultRef();
}
