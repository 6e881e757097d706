using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.NodeSet;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// What a change to a workload does to its running pods, as far as the desired state tells:
/// a pod-template change rolls the pods, a <c>replicas</c> change scales, a replacement deletes
/// every pod and starts them again. Written beside the property rows that cause it and once for
/// the resource, so a reviewer sees "rolls 3 pods" instead of a changed hash.
/// </summary>
/// <remarks>
/// The rules are the controllers' (kubernetes/kubernetes): a StatefulSet rolls pods whose revision
/// differs from the update revision, highest ordinal first, only at or above
/// <c>updateStrategy.rollingUpdate.partition</c>, and not at all with <c>OnDelete</c>
/// (<c>pkg/controller/statefulset/stateful_set_control.go</c>); it scales by creating or deleting
/// the highest ordinals. A Deployment rolls through a new ReplicaSet, or stops every pod first with
/// <c>Recreate</c> (<c>pkg/controller/deployment/rolling.go</c>, <c>recreate.go</c>). A CronJob's
/// template reaches only the Jobs it creates next (<c>pkg/controller/cronjob/utils.go</c>
/// <c>getJobFromTemplate2</c>).
/// </remarks>
public static class PodEffects
{
    private const string StatefulSet = "kubernetes:apps/v1:StatefulSet";
    private const string Deployment = "kubernetes:apps/v1:Deployment";
    private const string DaemonSet = "kubernetes:apps/v1:DaemonSet";
    private const string CronJob = "kubernetes:batch/v1:CronJob";
    private const string ConfigMap = "kubernetes:core/v1:ConfigMap";

    /// <summary>
    /// The rows with their effects filled in, and the resource's effect in one phrase (or null when
    /// the change touches no pod).
    /// </summary>
    public static (string? Summary, ImmutableArray<PropertyChange> Rows) Describe(
        ChangeKind kind, string type, JsonObject? before, JsonObject? after, ImmutableArray<PropertyChange> rows)
    {
        if (type == ConfigMap)
        {
            return (ReadAtStart(kind, after) ? "no pod restarts: pods read it when they start, so running pods keep what they read and pods started from now on read this" : null, rows);
        }

        if (type is not (StatefulSet or Deployment or DaemonSet or CronJob))
        {
            return (null, rows);
        }

        var name = Text(after?["metadata"]?["name"]) ?? Text(before?["metadata"]?["name"]) ?? "?";
        var oldCount = Replicas(type, before);
        var newCount = Replicas(type, after);
        switch (kind)
        {
            case ChangeKind.Added:
                return (type == CronJob ? null : $"starts {Pods(newCount)}", rows);
            case ChangeKind.Removed:
                return (type == CronJob ? "no more Jobs are scheduled" : $"stops {Pods(oldCount)}", rows);
            case ChangeKind.Replaced or ChangeKind.Moved:
                return (type == CronJob ? null : $"deleted and created again: {Pods(oldCount)} stopped, then {Pods(newCount)} started", rows);
            case ChangeKind.Unchanged:
                return (null, rows);
        }

        var template = type == CronJob ? "spec.jobTemplate." : "spec.template.";
        var roll = Roll(type, name, after, Math.Min(oldCount ?? int.MaxValue, newCount ?? int.MaxValue) is var n && n != int.MaxValue ? n : null);
        var scale = Scale(type, name, oldCount, newCount);
        var configRow = $"spec.template.metadata.annotations[\"{NodePod.ConfigDigestAnnotation}\"]";
        var rolls = false;
        var builder = rows.ToBuilder();
        for (var i = 0; i < builder.Count; i++)
        {
            var row = builder[i];
            if (row.Ignored)
            {
                continue;
            }

            if (row.Property == configRow)
            {
                builder[i] = row with { Effect = "the pods' configuration changed: " + roll };
                rolls = true;
            }
            else if (row.Property.StartsWith(template, StringComparison.Ordinal))
            {
                builder[i] = row with { Effect = roll };
                rolls = true;
            }
            else if (row.Property == "spec.replicas" && scale is not null)
            {
                builder[i] = row with { Effect = scale };
            }
        }

        var parts = new List<string>();
        if (scale is not null && rows.Any(r => !r.Ignored && r.Property == "spec.replicas"))
        {
            parts.Add(scale);
        }

        if (rolls)
        {
            parts.Add(roll);
        }
        else if (parts.Count > 0 && type == StatefulSet)
        {
            // Scaling alone: the controller creates or deletes the highest ordinals only.
            parts.Add("no running pod restarts");
        }

        return (parts.Count == 0 ? null : string.Join("; ", parts), builder.ToImmutable());
    }

    private static string Roll(string type, string name, JsonObject? after, int? existing)
    {
        var spec = after?["spec"];
        switch (type)
        {
            case CronJob:
                return "only Jobs started from now on use it; running ones keep the old template";
            case DaemonSet:
                return Text(spec?["updateStrategy"]?["type"]) == "OnDelete"
                    ? "no pod restarts by itself (updateStrategy OnDelete): each takes the change when deleted"
                    : "rolls the pod on every node it runs on";
            case Deployment:
                return Text(spec?["strategy"]?["type"]) == "Recreate"
                    ? $"stops {Pods(existing)}, then starts them again (strategy Recreate)"
                    : $"rolls {Pods(existing)} (a new ReplicaSet replaces them)";
        }

        var strategy = spec?["updateStrategy"];
        if (Text(strategy?["type"]) == "OnDelete")
        {
            return "no pod restarts by itself (updateStrategy OnDelete): each takes the change when deleted";
        }

        var partition = Number(strategy?["rollingUpdate"]?["partition"]) ?? 0;
        if (existing is { } count)
        {
            var rolled = Math.Max(0, count - partition);
            return rolled switch
            {
                0 => $"no pod restarts yet: all {count} are below the partition ({partition})",
                1 => $"rolls 1 pod ({name}-{count - 1})" + (partition > 0 ? $"; the partition ({partition}) holds the others" : string.Empty),
                _ => $"rolls {rolled} pods, one at a time from {name}-{count - 1} down to {name}-{partition}" + (partition > 0 ? $" (partition {partition})" : string.Empty),
            };
        }

        return "rolls every pod, one at a time, highest ordinal first";
    }

    private static string? Scale(string type, string name, int? before, int? after)
    {
        if (before is not { } from || after is not { } to || from == to || type is CronJob or DaemonSet)
        {
            return null;
        }

        if (type != StatefulSet)
        {
            return $"scales from {from} to {to} pods";
        }

        var ordinals = to > from ? Enumerable.Range(from, to - from) : Enumerable.Range(to, from - to).Reverse();
        var pods = string.Join(", ", ordinals.Select(o => $"{name}-{o}"));
        return to > from
            ? $"scales from {from} to {to} pods: adds {pods}"
            : $"scales from {from} to {to} pods: removes {pods} (their volumes stay)";
    }

    /// <summary>A changed ConfigMap that pods read only at start and that no digest annotation covers (<see cref="NodePod.ReadAtPodStartAnnotation"/>).</summary>
    private static bool ReadAtStart(ChangeKind kind, JsonObject? after) =>
        kind is ChangeKind.Changed or ChangeKind.Replaced && Text(after?["metadata"]?["annotations"]?[NodePod.ReadAtPodStartAnnotation]) == "true";

    /// <summary><c>spec.replicas</c>, defaulting to 1 as the API server does; null when unknown (a DaemonSet, an absent side).</summary>
    private static int? Replicas(string type, JsonObject? inputs) =>
        inputs is null || type is DaemonSet or CronJob ? null : Number(inputs["spec"]?["replicas"]) ?? 1;

    private static string Pods(int? count) => count switch
    {
        null => "every pod",
        1 => "1 pod",
        _ => $"{count} pods",
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n
        : node is JsonValue s && s.GetValueKind() == JsonValueKind.String && int.TryParse(s.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p
        : null;
}
