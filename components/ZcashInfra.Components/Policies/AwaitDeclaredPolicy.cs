using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Every workload whose pods pulumi-kubernetes would wait for declares what <c>up</c> waits for
/// (<see cref="AwaitBehaviour"/>), with annotation values the provider understands, and a delete
/// limit no shorter than its pods' grace period; skipAwait is never combined with
/// delete-before-replace (the replacement would race the old object's deletion).
/// </summary>
public sealed class AwaitDeclaredPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "await-declared";

    /// <inheritdoc />
    public string Description => "workloads declare what `pulumi up` waits for, with valid pulumi.com annotations and delete limits";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        // Each workload's pod spec, found once: looking it up per workload made the check quadratic.
        Dictionary<string, JsonObject>? podSpecs = null;
        foreach (var node in context.Graph.Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type)))
        {
            var key = AwaitBehaviour.KindKey(node.Inputs);
            var annotations = node.Inputs["metadata"]?["annotations"] as JsonObject ?? [];
            var skip = Workloads.Text(annotations[AwaitBehaviour.SkipAwaitAnnotation]);
            var waitFor = Workloads.Text(annotations[AwaitBehaviour.WaitForAnnotation]);
            var timeoutText = Workloads.Text(annotations[AwaitBehaviour.TimeoutSecondsAnnotation]);
            var timeouts = node.Options.CustomTimeouts;

            int? timeoutSeconds = null;
            if (annotations[AwaitBehaviour.TimeoutSecondsAnnotation] is { } rawTimeout)
            {
                if (timeoutText is not null && int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
                {
                    timeoutSeconds = parsed;
                }
                else
                {
                    yield return new Finding(Id, node.Path,
                        $"metadata.annotations[{AwaitBehaviour.TimeoutSecondsAnnotation}] is {rawTimeout.ToJsonString()}: pulumi-kubernetes ignores anything but a positive integer string");
                }
            }

            if (waitFor is not null && !ValidWaitFor(waitFor))
            {
                yield return new Finding(Id, node.Path,
                    $"metadata.annotations[{AwaitBehaviour.WaitForAnnotation}] must be a \"jsonpath=\" or \"condition=\" expression or a JSON array of them, got '{waitFor}'");
            }

            if (annotations[AwaitBehaviour.SkipAwaitAnnotation] is { } rawSkip && skip is not ("true" or "false"))
            {
                yield return new Finding(Id, node.Path,
                    $"metadata.annotations[{AwaitBehaviour.SkipAwaitAnnotation}] is {rawSkip.ToJsonString()}: only the string \"true\" skips the wait");
            }

            var skips = skip == "true";
            if (skips && node.Options.DeleteBeforeReplace && AwaitBehaviour.SkipAwaitAlsoSkipsDelete.Contains(key))
            {
                yield return new Finding(Id, node.Path,
                    $"{AwaitBehaviour.SkipAwaitAnnotation} on a {key} also skips the wait for its delete, so its delete-before-replace replacement races the old object; use {AwaitBehaviour.WaitForAnnotation} instead");
            }

            if (!AwaitBehaviour.PodReadinessKinds.Contains(key))
            {
                continue;
            }

            var declared = skips || waitFor is not null || timeoutSeconds is not null || (timeouts?.Create is not null && timeouts.Update is not null);
            if (!declared)
            {
                yield return new Finding(Id, node.Path,
                    $"pulumi-kubernetes waits until every pod of a {key} is Ready, {AwaitBehaviour.ProviderDefault.TotalMinutes:0} minutes by default: declare what `up` waits for ({AwaitBehaviour.WaitForAnnotation}, {AwaitBehaviour.TimeoutSecondsAnnotation}, {AwaitBehaviour.SkipAwaitAnnotation} or custom create and update timeouts)");
            }

            if (skips && AwaitBehaviour.SkipAwaitAlsoSkipsDelete.Contains(key))
            {
                continue;
            }

            podSpecs ??= Workloads.Pods(context.Graph).GroupBy(p => p.Node.Path, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.First().Spec, StringComparer.Ordinal);
            var grace = podSpecs.GetValueOrDefault(node.Path)?["terminationGracePeriodSeconds"] is JsonValue g
                && g.TryGetValue<long>(out var seconds) ? seconds : 30;
            var deleteLimit = timeouts?.Delete ?? (timeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : AwaitBehaviour.ProviderDefault);
            if (TimeSpan.FromSeconds(grace) >= deleteLimit)
            {
                yield return new Finding(Id, node.Path,
                    $"a delete waits for the pods to stop (foreground deletion), up to terminationGracePeriodSeconds = {grace}, but may take only {GraphTimeouts.Text(deleteLimit)}: set a longer custom delete timeout");
            }
        }
    }

    private static bool ValidWaitFor(string value)
    {
        static bool Expression(string? e) => e is not null && (e.StartsWith("jsonpath=", StringComparison.Ordinal) || e.StartsWith("condition=", StringComparison.Ordinal));
        if (!value.TrimStart().StartsWith('['))
        {
            return Expression(value);
        }

        try
        {
            var items = JsonSerializer.Deserialize<string[]>(value);
            return items is { Length: > 0 } && items.All(Expression);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
