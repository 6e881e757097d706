using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.Tests.Kubernetes;

public class PodSpecsTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"namespace":"a"},"spec":{"containers":[]}}""", "spec")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"namespace":"a"},"spec":{"template":{"spec":{}}}}""", "spec.template.spec")]
    [InlineData("""{"apiVersion":"batch/v1","kind":"Job","metadata":{"namespace":"a"},"spec":{"template":{"spec":{}}}}""", "spec.template.spec")]
    [InlineData("""{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"namespace":"a"},"spec":{"jobTemplate":{"spec":{"template":{"spec":{}}}}}}""", "spec.jobTemplate.spec.template.spec")]
    [InlineData("""{"apiVersion":"tekton.dev/v1","kind":"PipelineRun","metadata":{"namespace":"a"},"spec":{}}""", "spec.taskRunTemplate.podTemplate")]
    [InlineData("""{"apiVersion":"tekton.dev/v1","kind":"TaskRun","metadata":{"namespace":"a"},"spec":{}}""", "spec.podTemplate")]
    [InlineData("""{"apiVersion":"triggers.tekton.dev/v1beta1","kind":"EventListener","metadata":{"namespace":"a"},"spec":{}}""", "spec.resources.kubernetesResource.spec.template.spec")]
    public void Finds_the_pod_spec_of_every_kind_that_runs_pods(string manifest, string path)
    {
        var site = Assert.Single(PodSpecs.Find(Parse(manifest)));
        Assert.Equal(path, site.Path);
        Assert.Equal("a", site.Namespace);
    }

    [Fact]
    public void Objects_inside_a_trigger_template_run_in_its_namespace_unless_they_name_another()
    {
        var sites = PodSpecs.Find(Parse("""
            {"apiVersion":"triggers.tekton.dev/v1beta1","kind":"TriggerTemplate","metadata":{"namespace":"ci"},
             "spec":{"resourcetemplates":[
               {"apiVersion":"tekton.dev/v1","kind":"PipelineRun","metadata":{"labels":{"l":"1"}},"spec":{}},
               {"apiVersion":"tekton.dev/v1","kind":"PipelineRun","metadata":{"namespace":"images"},"spec":{}}]}}
            """)).ToList();
        Assert.Equal(["ci", "images"], sites.Select(s => s.Namespace));
        Assert.Equal("spec.resourcetemplates[0].spec.taskRunTemplate.podTemplate", sites[0].Path);
        Assert.Equal("1", sites[0].Labels["l"]!.GetValue<string>());
        Assert.False(sites[0].HasContainers);
    }

    [Fact]
    public void Kinds_that_run_no_pods_have_none() =>
        Assert.Empty(PodSpecs.Find(Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""")));

    [Fact]
    public void Task_steps_are_read_with_the_step_template_merged_under_them()
    {
        var task = Parse("""
            {"apiVersion":"tekton.dev/v1","kind":"Task","spec":{
              "stepTemplate":{"securityContext":{"runAsNonRoot":true,"capabilities":{"drop":["ALL"]}},"computeResources":{"requests":{"cpu":"1"}}},
              "steps":[{"name":"a","securityContext":{"runAsUser":0}}],
              "sidecars":[{"name":"s"}]}}
            """);
        var sites = PodSpecs.TektonContainers(task).ToList();
        Assert.Equal(["spec.steps[0]", "spec.sidecars[0]"], sites.Select(s => s.Path));
        var step = sites[0].Container;
        Assert.True(step["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(0, step["securityContext"]!["runAsUser"]!.GetValue<int>());
        Assert.Equal("1", step["computeResources"]!["requests"]!["cpu"]!.GetValue<string>());

        // Sidecars do not get the step template.
        Assert.Null(sites[1].Container["securityContext"]);
    }
}
