using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Every pod meets the restricted Pod Security Standard the namespaces enforce, checked before the
/// API server would refuse it: no host namespaces, ports or paths, not privileged, no privilege
/// escalation, all capabilities dropped, non-root, seccomp RuntimeDefault or Localhost.
/// </summary>
public sealed class RestrictedPodSecurityPolicy : IPolicy
{
    private static readonly HashSet<string> AllowedVolumeTypes = new(StringComparer.Ordinal)
    {
        "name", "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
    };

    /// <inheritdoc />
    public string Id => "restricted-pod-security";

    /// <inheritdoc />
    public string Description => "pods meet the restricted Pod Security Standard (non-root, no escalation, capabilities dropped, seccomp)";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var pod in Workloads.Pods(context.Graph))
        {
            foreach (var problem in Problems(pod))
            {
                yield return new Finding(Id, pod.Node.Path, problem);
            }
        }
    }

    private static IEnumerable<string> Problems(WorkloadPod pod)
    {
        var spec = pod.Spec;
        foreach (var host in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            if (Workloads.Bool(spec[host]) == true)
            {
                yield return $"{pod.SpecPath}.{host} must not be true";
            }
        }

        foreach (var volume in spec["volumes"]?.AsArray() ?? [])
        {
            var type = volume?.AsObject().Select(kv => kv.Key).FirstOrDefault(k => !AllowedVolumeTypes.Contains(k));
            if (type is not null)
            {
                yield return $"{pod.SpecPath}.volumes ({Workloads.Text(volume!["name"])}): {type} volumes are not allowed";
            }
        }

        var podContext = spec["securityContext"];
        var podNonRoot = Workloads.Bool(podContext?["runAsNonRoot"]) == true;
        var podSeccomp = Workloads.Text(podContext?["seccompProfile"]?["type"]);
        if (podSeccomp is not null and not (PodSecurity.SeccompProfile or "Localhost"))
        {
            yield return $"{pod.SpecPath}.securityContext.seccompProfile.type must be RuntimeDefault or Localhost, got {podSeccomp}";
        }

        if (IsRoot(podContext))
        {
            yield return $"{pod.SpecPath}.securityContext.runAsUser must not be 0";
        }

        foreach (var (path, container) in pod.Containers())
        {
            var security = container["securityContext"];
            if (Workloads.Bool(security?["privileged"]) == true)
            {
                yield return $"{path}: privileged must not be true";
            }

            if (Workloads.Bool(security?["allowPrivilegeEscalation"]) != false)
            {
                yield return $"{path}: allowPrivilegeEscalation must be false";
            }

            var drop = security?["capabilities"]?["drop"]?.AsArray().Select(Workloads.Text) ?? [];
            if (!drop.Contains("ALL"))
            {
                yield return $"{path}: capabilities must drop ALL";
            }

            foreach (var added in (security?["capabilities"]?["add"]?.AsArray().Select(Workloads.Text) ?? []).Where(a => a != "NET_BIND_SERVICE"))
            {
                yield return $"{path}: capability {added} must not be added (only NET_BIND_SERVICE may be)";
            }

            var nonRoot = Workloads.Bool(security?["runAsNonRoot"]) ?? podNonRoot;
            if (!nonRoot)
            {
                yield return $"{path}: runAsNonRoot must be true (in the container or the pod)";
            }

            if (IsRoot(security))
            {
                yield return $"{path}: runAsUser must not be 0";
            }

            var seccomp = Workloads.Text(security?["seccompProfile"]?["type"]) ?? podSeccomp;
            if (seccomp is not (PodSecurity.SeccompProfile or "Localhost"))
            {
                yield return $"{path}: seccompProfile.type must be RuntimeDefault or Localhost (in the container or the pod), got {seccomp ?? "none"}";
            }

            foreach (var port in container["ports"]?.AsArray() ?? [])
            {
                if (port?["hostPort"] is JsonValue hostPort && hostPort.GetValue<long>() != 0)
                {
                    yield return $"{path}: hostPort {hostPort.GetValue<long>()} must not be used";
                }
            }
        }
    }

    private static bool IsRoot(JsonNode? securityContext) =>
        securityContext?["runAsUser"] is JsonValue user && user.TryGetValue<long>(out var uid) && uid == 0;
}
