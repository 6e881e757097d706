using k8s.Models;

namespace ZcashInfra.Cluster.Pods;

/// <summary>
/// Reads a pod's status the way an operator would, to fail fast with the real reason instead of
/// timing out: container waiting reasons (kubelet <c>pkg/kubelet/images/types.go</c>
/// ErrImagePull/ImagePullBackOff/InvalidImageName, <c>pkg/kubelet/kuberuntime</c>
/// CreateContainerConfigError, CrashLoopBackOff), a terminated restore init container's exit code,
/// and the scheduler's PodScheduled=False/Unschedulable condition (kubernetes
/// <c>pkg/apis/core/types.go</c> PodReasonUnschedulable).
/// </summary>
public static class PodDiagnosis
{
    /// <summary>Waiting reasons that do not fix themselves.</summary>
    private static readonly HashSet<string> Fatal = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError", "CrashLoopBackOff",
    };

    /// <summary>Diagnoses <paramref name="pod"/>; Unschedulable counts as a failure once it has lasted <paramref name="unschedulableGrace"/> (a cluster autoscaler may be adding a node).</summary>
    public static PodState Diagnose(V1Pod pod, string restoreContainer, TimeSpan unschedulableGrace, DateTimeOffset now)
    {
        var name = pod.Metadata?.Name ?? "?";
        var status = pod.Status;
        var phase = status?.Phase ?? "Unknown";
        var ready = status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        var init = status?.InitContainerStatuses ?? [];
        var main = status?.ContainerStatuses ?? [];
        var restarts = init.Concat(main).Sum(c => c.RestartCount);
        var restore = init.FirstOrDefault(c => c.Name == restoreContainer);
        var restoring = restore?.State?.Running is not null;
        var claims = (pod.Spec?.Volumes ?? []).Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().ToList();

        string? failure = null;
        string? waiting = null;
        foreach (var container in init.Concat(main))
        {
            if (container.State?.Waiting is { Reason: { } reason } w && Fatal.Contains(reason))
            {
                var last = container.LastState?.Terminated is { } t ? $" (last exit code {t.ExitCode}{(t.Reason is null ? string.Empty : ", " + t.Reason)})" : string.Empty;
                failure ??= $"pod {name}: container {container.Name} {reason}{(string.IsNullOrEmpty(w.Message) ? string.Empty : ": " + w.Message)}{last}";
            }
        }

        var terminated = restore?.State?.Terminated ?? (restore?.State?.Waiting is not null ? restore.LastState?.Terminated : null);
        if (terminated is { ExitCode: not 0 } exit)
        {
            failure ??= $"pod {name}: init container {restoreContainer} terminated with exit code {exit.ExitCode}{(exit.Reason is null ? string.Empty : $" ({exit.Reason})")}{(string.IsNullOrWhiteSpace(exit.Message) ? string.Empty : ": " + exit.Message.Trim())}";
        }

        if (status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") is { } unschedulable)
        {
            var since = unschedulable.LastTransitionTime is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : now;
            var text = $"pod {name}: Pending, Unschedulable: {unschedulable.Message}";
            if (now - since >= unschedulableGrace)
            {
                failure ??= text;
            }
            else
            {
                waiting = text;
            }
        }

        if (failure is null && waiting is null && !ready)
        {
            waiting = restoring ? $"pod {name}: restoring ({restoreContainer} running)"
                : main.FirstOrDefault(c => c.State?.Waiting is not null) is { } w ? $"pod {name}: {w.Name} {w.State.Waiting.Reason}"
                : $"pod {name}: {phase}, not ready";
        }

        return new PodState(name, phase, ready, restarts, restoring, failure, waiting, claims);
    }
}
