using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.CiPipelines;

/// <summary>Small builders for Tekton objects, so every Task and Pipeline is written the same way.</summary>
internal static class TektonSpec
{
    /// <summary>Tekton Pipelines' API (Task, Pipeline, PipelineRun).</summary>
    public const string PipelinesApi = "tekton.dev/v1";

    /// <summary>Tekton Triggers' API (EventListener, TriggerBinding, TriggerTemplate).</summary>
    public const string TriggersApi = "triggers.tekton.dev/v1beta1";

    /// <summary>Where steps find a writable home directory (an emptyDir: images' own homes are not writable as the CI user).</summary>
    public const string Home = "/home/ci";

    /// <summary>A complete object.</summary>
    public static JsonObject Object(string apiVersion, string kind, JsonObject metadata, JsonObject spec) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = metadata,
        ["spec"] = spec,
    };

    /// <summary>A string parameter declaration.</summary>
    public static JsonObject Param(string name, string description, string? @default = null)
    {
        var param = new JsonObject { ["name"] = name, ["type"] = "string", ["description"] = description };
        if (@default is not null)
        {
            param["default"] = @default;
        }

        return param;
    }

    /// <summary>A parameter value passed to a task, pipeline or run.</summary>
    public static JsonObject Value(string name, string value) => new() { ["name"] = name, ["value"] = value };

    /// <summary>Passes pipeline parameters through under the same names.</summary>
    public static JsonArray PassThrough(params string[] names) => new([.. names.Select(n => (JsonNode)Value(n, $"$(params.{n})"))]);

    /// <summary>A workspace declaration.</summary>
    public static JsonObject Workspace(string name, string description, bool optional = false)
    {
        var workspace = new JsonObject { ["name"] = name, ["description"] = description };
        if (optional)
        {
            workspace["optional"] = true;
        }

        return workspace;
    }

    /// <summary>A workspace binding from a pipeline task to the pipeline's workspace of the same name.</summary>
    public static JsonObject Bind(string name) => new() { ["name"] = name, ["workspace"] = name };

    /// <summary>A result declaration.</summary>
    public static JsonObject Result(string name, string description) => new() { ["name"] = name, ["description"] = description };

    /// <summary>
    /// The step template of every restricted Task: non-root as <see cref="PodSecurity.NonRootUser"/>
    /// (a run's pod template says the same; the Task stays safe without one), a writable home, and
    /// small default requests that the heavy steps override.
    /// </summary>
    public static JsonObject RestrictedStepTemplate()
    {
        var security = PodSecurity.Container(runAsUser: PodSecurity.NonRootUser, runAsGroup: PodSecurity.NonRootUser);
        return new JsonObject
        {
            ["env"] = new JsonArray(new JsonObject { ["name"] = "HOME", ["value"] = Home }),
            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "home", ["mountPath"] = Home }),
            ["computeResources"] = PodSecurity.Resources("100m", "256Mi"),
            ["securityContext"] = security,
        };
    }

    /// <summary>The volume behind <see cref="RestrictedStepTemplate"/>'s home.</summary>
    public static JsonArray HomeVolume() => new(new JsonObject { ["name"] = "home", ["emptyDir"] = new JsonObject() });

    /// <summary>A step.</summary>
    public static JsonObject Step(string name, string image, string script, ComputeResources? resources = null)
    {
        var step = new JsonObject { ["name"] = name, ["image"] = image };
        if (resources is not null)
        {
            step["computeResources"] = PodSecurity.Resources(resources.Cpu, resources.Memory);
        }

        step["script"] = script;
        return step;
    }
}
