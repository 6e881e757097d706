using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// A Job's (or a CronJob's job template's) <c>podFailurePolicy</c> obeys the rules the API server
/// enforces, which the OpenAPI schema does not show (kubernetes
/// <c>pkg/apis/batch/validation/validation.go</c>, <c>validatePodFailurePolicy</c> and
/// <c>validatePodFailurePolicyRuleOnExitCodes</c>): the pod template's <c>restartPolicy</c> is
/// <c>Never</c>; at most 20 rules; each rule has exactly one of <c>onExitCodes</c> and
/// <c>onPodConditions</c>; its action is FailJob, Ignore or Count (FailIndex needs
/// <c>backoffLimitPerIndex</c>); <c>onExitCodes.containerName</c> names one of the template's
/// containers or init containers (the job controller matches both,
/// <c>pkg/controller/job/pod_failure_policy.go</c> <c>matchOnExitCodes</c>); its operator is In or
/// NotIn; its values are 1–255 unique codes in ascending order, without 0 for In.
/// </summary>
public sealed class PodFailurePolicyPolicy : IPolicy
{
    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal) { "FailJob", "Ignore", "Count", "FailIndex" };

    /// <inheritdoc />
    public string Id => "pod-failure-policy";

    /// <inheritdoc />
    public string Description => "Job pod failure policies obey the API server's rules (restartPolicy Never, real container names, sorted exit codes)";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var pod in Workloads.Pods(context.Graph).Where(p => p.Kind is "Job" or "CronJob"))
        {
            var jobSpec = pod.Kind == "Job" ? pod.Node.Inputs["spec"] : pod.Node.Inputs["spec"]?["jobTemplate"]?["spec"];
            if (jobSpec?["podFailurePolicy"] is not JsonObject policy)
            {
                continue;
            }

            var prefix = pod.Kind == "Job" ? "spec.podFailurePolicy" : "spec.jobTemplate.spec.podFailurePolicy";
            foreach (var problem in Problems(policy, pod.Spec, jobSpec))
            {
                yield return new Finding(Id, pod.Node.Path, $"{prefix}{problem}");
            }
        }
    }

    /// <summary>Every rule the API server would reject, as <c>.path: message</c>.</summary>
    public static IEnumerable<string> Problems(JsonObject policy, JsonObject podSpec, JsonNode? jobSpec)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(podSpec);
        if (Workloads.Text(podSpec["restartPolicy"]) != "Never")
        {
            yield return ": needs the pod template's restartPolicy Never";
        }

        var rules = policy["rules"] as JsonArray ?? [];
        if (rules.Count > 20)
        {
            yield return $".rules: at most 20 rules, got {rules.Count}";
        }

        var containers = new[] { "containers", "initContainers" }
            .SelectMany(k => podSpec[k] as JsonArray ?? [])
            .Select(c => Workloads.Text(c?["name"]))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] as JsonObject ?? [];
            var path = $".rules[{i}]";
            var action = Workloads.Text(rule["action"]);
            if (action is null || !Actions.Contains(action))
            {
                yield return $"{path}.action: must be FailJob, Ignore, Count or FailIndex, got '{action}'";
            }
            else if (action == "FailIndex" && jobSpec?["backoffLimitPerIndex"] is null)
            {
                yield return $"{path}.action: FailIndex needs backoffLimitPerIndex";
            }

            var onExitCodes = rule["onExitCodes"] as JsonObject;
            if ((onExitCodes is null) == (rule["onPodConditions"] is null))
            {
                yield return $"{path}: needs exactly one of onExitCodes and onPodConditions";
            }

            if (onExitCodes is not null)
            {
                foreach (var problem in ExitCodeProblems(onExitCodes, containers))
                {
                    yield return $"{path}.onExitCodes{problem}";
                }
            }
        }
    }

    private static IEnumerable<string> ExitCodeProblems(JsonObject onExitCodes, HashSet<string> containers)
    {
        if (onExitCodes["containerName"] is { } nameNode && Workloads.Text(nameNode) is var name && (name is null || !containers.Contains(name)))
        {
            yield return $".containerName: '{name}' must be one of the container or initContainer names in the pod template ({string.Join(", ", containers.Order(StringComparer.Ordinal))})";
        }

        var op = Workloads.Text(onExitCodes["operator"]);
        if (op is not ("In" or "NotIn"))
        {
            yield return $".operator: must be In or NotIn, got '{op}'";
        }

        var values = (onExitCodes["values"] as JsonArray ?? []).Select(v => v is JsonValue j && j.TryGetValue<int>(out var n) ? n : (int?)null).ToList();
        if (values.Count is 0 or > 255 || values.Any(v => v is null))
        {
            yield return $".values: must hold 1–255 exit codes, got {values.Count}";
            yield break;
        }

        if (op == "In" && values.Contains(0))
        {
            yield return ".values: must not contain 0 for the In operator";
        }

        for (var k = 1; k < values.Count; k++)
        {
            if (values[k] <= values[k - 1])
            {
                yield return ".values: must be unique and in ascending order";
                yield break;
            }
        }
    }
}
