using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// CI pods meet their namespace's Pod Security Standard and request what they use. In the CI
/// namespace (restricted): non-root, no privilege escalation, every capability dropped, the
/// runtime's seccomp profile. In the image namespace (baseline): root is allowed, but still no
/// privilege escalation and only baseline capabilities. Everywhere: no host namespaces or host
/// paths, and CPU and memory requests on every container, Tekton steps and sidecars included.
/// </summary>
public sealed class CiPodSecurityPolicy : IPolicy
{
    /// <summary>The capabilities the baseline standard lets a container add.</summary>
    public static readonly IReadOnlySet<string> BaselineCapabilities = new HashSet<string>(StringComparer.Ordinal)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    };

    /// <summary>The standard each CI namespace is held to.</summary>
    public static readonly IReadOnlyDictionary<string, PodSecurityLevel> Levels = new Dictionary<string, PodSecurityLevel>(StringComparer.Ordinal)
    {
        [Namespaces.Ci] = PodSecurityLevel.Restricted,
        [Namespaces.CiImages] = PodSecurityLevel.Baseline,
    };

    /// <inheritdoc />
    public string Id => "ci-pod-security";

    /// <inheritdoc />
    public string Description => "CI pods are restricted (baseline for image builds), without host access, with CPU and memory requests";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var (node, manifest) in KubernetesManifests.In(context.Graph))
        {
            foreach (var site in PodSpecs.Find(manifest))
            {
                if (site.Namespace is null || !Levels.TryGetValue(site.Namespace, out var level))
                {
                    continue;
                }

                foreach (var problem in PodProblems(site, level))
                {
                    yield return new Finding(Id, node.Path, $"{site.Path}: {problem}");
                }

                foreach (var container in PodSpecs.Containers(site))
                {
                    foreach (var problem in ContainerProblems(container.Container, site.Spec["securityContext"] as JsonObject, level))
                    {
                        yield return new Finding(Id, node.Path, $"{container.Path}: {problem}");
                    }
                }
            }

            var ns = manifest["metadata"]?["namespace"]?.GetValue<string>();
            if (ns is not null && Levels.TryGetValue(ns, out var taskLevel))
            {
                // A Task's steps get their pod-level context from the run; they must be safe on their own.
                foreach (var step in PodSpecs.TektonContainers(manifest))
                {
                    foreach (var problem in ContainerProblems(step.Container, null, taskLevel))
                    {
                        yield return new Finding(Id, node.Path, $"{step.Path}: {problem}");
                    }
                }
            }
        }
    }

    private static IEnumerable<string> PodProblems(PodSpecSite site, PodSecurityLevel level)
    {
        foreach (var host in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            if (site.Spec[host] is JsonValue v && v.GetValue<bool>())
            {
                yield return $"{host} is not allowed for CI pods";
            }
        }

        if ((site.Spec["volumes"] as JsonArray ?? []).Any(v => v?["hostPath"] is not null))
        {
            yield return "hostPath volumes are not allowed for CI pods";
        }

        if (!site.HasContainers)
        {
            // A Tekton pod template: its containers come from Tasks, so the pod level must carry the rules.
            var pod = site.Spec["securityContext"] as JsonObject;
            if (level == PodSecurityLevel.Restricted && !IsTrue(pod?["runAsNonRoot"]))
            {
                yield return "the run's pod template must set securityContext.runAsNonRoot: true";
            }

            if (!IsDefaultSeccomp(pod))
            {
                yield return $"the run's pod template must set securityContext.seccompProfile.type: {PodSecurity.SeccompProfile}";
            }
        }
    }

    private static IEnumerable<string> ContainerProblems(JsonObject container, JsonObject? pod, PodSecurityLevel level)
    {
        var security = container["securityContext"] as JsonObject;
        if (IsTrue(security?["privileged"]))
        {
            yield return "privileged containers are not allowed";
        }

        if (security?["allowPrivilegeEscalation"] is not JsonValue escalation || escalation.GetValue<bool>())
        {
            yield return "securityContext.allowPrivilegeEscalation must be false";
        }

        var drop = (security?["capabilities"]?["drop"] as JsonArray ?? []).Select(c => c?.GetValue<string>()).ToList();
        if (!drop.Contains(PodSecurity.DropAll))
        {
            yield return "securityContext.capabilities.drop must include ALL";
        }

        var added = (security?["capabilities"]?["add"] as JsonArray ?? []).Select(c => c?.GetValue<string>() ?? string.Empty).ToList();
        var allowed = level == PodSecurityLevel.Restricted ? new HashSet<string>(StringComparer.Ordinal) { "NET_BIND_SERVICE" } : BaselineCapabilities;
        foreach (var capability in added.Where(c => !allowed.Contains(c)))
        {
            yield return $"capability {capability} may not be added under the {level.ToString().ToLowerInvariant()} standard";
        }

        if (level == PodSecurityLevel.Restricted)
        {
            if (!IsTrue(security?["runAsNonRoot"]) && !IsTrue(pod?["runAsNonRoot"]))
            {
                yield return "runAsNonRoot must be true (in the container's or the pod's securityContext)";
            }

            if (security?["runAsUser"] is JsonValue user && user.GetValue<long>() == 0)
            {
                yield return "runAsUser 0 (root) is not allowed";
            }
        }

        if (!IsDefaultSeccomp(security) && !IsDefaultSeccomp(pod))
        {
            yield return $"seccompProfile.type must be {PodSecurity.SeccompProfile} (in the container's or the pod's securityContext)";
        }

        var resources = container["resources"] ?? container["computeResources"];
        foreach (var resource in new[] { "cpu", "memory" })
        {
            if (resources?["requests"]?[resource] is null)
            {
                yield return $"no {resource} request: the scheduler and the quota cannot account for it";
            }
        }
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static bool IsDefaultSeccomp(JsonObject? security) =>
        security?["seccompProfile"]?["type"]?.GetValue<string>() is PodSecurity.SeccompProfile or "Localhost";
}
