using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.SnapshotJob;

namespace ZcashInfra.Components.Tests.Policies;

/// <summary>
/// The snapshot job's podFailurePolicy, and the rules the API server enforces on any
/// podFailurePolicy (kubernetes pkg/apis/batch/validation/validation.go, validatePodFailurePolicy):
/// clean as rendered, failing on each violation seeded into a copy.
/// </summary>
public class PodFailurePolicyPolicyTests
{
    [Fact]
    public void A_target_step_with_nothing_new_to_cut_fails_the_job_without_a_retry()
    {
        var graph = SnapshotJobs.Declare("snap", SnapshotJobs.ZebradMainnet).Graph;
        var spec = SnapshotJobs.CronJobSpec(graph)["jobTemplate"]!["spec"]!;
        var rule = Assert.Single(spec["podFailurePolicy"]!["rules"]!.AsArray())!;
        Assert.Equal("FailJob", rule["action"]!.GetValue<string>());
        Assert.Equal("target", rule["onExitCodes"]!["containerName"]!.GetValue<string>());
        Assert.Equal("In", rule["onExitCodes"]!["operator"]!.GetValue<string>());
        Assert.Equal([3], rule["onExitCodes"]!["values"]!.AsArray().Select(v => v!.GetValue<int>()));

        // The named container is an init container of the pod: the API server accepts that, and the
        // job controller matches init containers' exit codes (pod_failure_policy.go matchOnExitCodes).
        Assert.Contains("target", SnapshotJobs.Names(SnapshotJobs.PodSpec(graph)["initContainers"]));
        Assert.Empty(new PodFailurePolicyPolicy().Check(new PolicyContext(graph, EnvironmentTier.Production)));
    }

    public static TheoryData<string, Action<JsonObject, JsonObject>, string> Violations => new()
    {
        { "restart policy", (_, pod) => pod["restartPolicy"] = "OnFailure", ": needs the pod template's restartPolicy Never" },
        { "unknown container", (rule, _) => rule["onExitCodes"]!["containerName"] = "tagret", ".rules[0].onExitCodes.containerName: 'tagret' must be one of the container or initContainer names" },
        { "exit code 0 with In", (rule, _) => rule["onExitCodes"]!["values"] = new JsonArray(0, 3), ".rules[0].onExitCodes.values: must not contain 0 for the In operator" },
        { "unsorted codes", (rule, _) => rule["onExitCodes"]!["values"] = new JsonArray(4, 3), ".rules[0].onExitCodes.values: must be unique and in ascending order" },
        { "no codes", (rule, _) => rule["onExitCodes"]!["values"] = new JsonArray(), ".rules[0].onExitCodes.values: must hold 1–255 exit codes, got 0" },
        { "bad operator", (rule, _) => rule["onExitCodes"]!["operator"] = "Equals", ".rules[0].onExitCodes.operator: must be In or NotIn, got 'Equals'" },
        { "bad action", (rule, _) => rule["action"] = "Retry", ".rules[0].action: must be FailJob, Ignore, Count or FailIndex, got 'Retry'" },
        { "FailIndex without per-index limit", (rule, _) => rule["action"] = "FailIndex", ".rules[0].action: FailIndex needs backoffLimitPerIndex" },
        { "both requirements", (rule, _) => rule["onPodConditions"] = new JsonArray(new JsonObject { ["type"] = "DisruptionTarget", ["status"] = "True" }), ".rules[0]: needs exactly one of onExitCodes and onPodConditions" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Each_rule_the_api_server_enforces_is_reported(string name, Action<JsonObject, JsonObject> change, string expected)
    {
        var graph = SnapshotJobs.Declare("snap", SnapshotJobs.ZebradMainnet).Graph;
        var cron = graph.Resources.Single(n => n.Type.EndsWith(":CronJob", StringComparison.Ordinal));
        var copy = InputTree.CopyObject(cron.Inputs, cron.Name);
        var jobSpec = copy["spec"]!["jobTemplate"]!["spec"]!.AsObject();
        change(jobSpec["podFailurePolicy"]!["rules"]![0]!.AsObject(), jobSpec["template"]!["spec"]!.AsObject());
        var problems = PodFailurePolicyPolicy.Problems(jobSpec["podFailurePolicy"]!.AsObject(), jobSpec["template"]!["spec"]!.AsObject(), jobSpec).ToList();
        Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), $"{name}: {string.Join("; ", problems)}");
    }
}
