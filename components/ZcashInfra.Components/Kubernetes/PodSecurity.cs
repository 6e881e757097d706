using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// The security contexts workloads run with, written once: the restricted Pod Security Standard
/// (non-root, no privilege escalation, every capability dropped, the runtime's default seccomp
/// profile), which the namespaces enforce, and the policies check.
/// </summary>
public static class PodSecurity
{
    /// <summary>The uid (and gid) of distroless "nonroot" images, used where an image does not choose one.</summary>
    public const long NonRootUser = 65532;

    /// <summary>The seccomp profile type every pod uses.</summary>
    public const string SeccompProfile = "RuntimeDefault";

    /// <summary>The capability set every container drops.</summary>
    public const string DropAll = "ALL";

    /// <summary>
    /// A pod-level security context: non-root as <paramref name="runAsUser"/> (a numeric uid, so the
    /// kubelet can verify it even when the image names its user), the default seccomp profile, and
    /// volumes group-owned by <paramref name="fsGroup"/> when given.
    /// </summary>
    public static JsonObject Pod(long runAsUser = NonRootUser, long? fsGroup = null)
    {
        var context = new JsonObject
        {
            ["runAsNonRoot"] = true,
            ["runAsUser"] = runAsUser,
            ["runAsGroup"] = runAsUser,
        };
        if (fsGroup is not null)
        {
            context["fsGroup"] = fsGroup;
        }

        context["seccompProfile"] = Seccomp();
        return context;
    }

    /// <summary>A restricted container security context (self-contained: valid even where the pod sets nothing).</summary>
    public static JsonObject Container() => new()
    {
        ["allowPrivilegeEscalation"] = false,
        ["capabilities"] = new JsonObject { ["drop"] = new JsonArray(DropAll) },
        ["runAsNonRoot"] = true,
        ["seccompProfile"] = Seccomp(),
    };

    /// <summary>The seccomp profile object.</summary>
    public static JsonObject Seccomp() => new() { ["type"] = SeccompProfile };

    /// <summary>
    /// Container resources: CPU and memory requests (what the scheduler and the quota count), and a
    /// memory limit equal to the request so a runaway process is killed instead of starving its
    /// node. CPU is not limited: idle cycles are free to use.
    /// </summary>
    public static JsonObject Resources(string cpu, string memory) => new()
    {
        ["requests"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory },
        ["limits"] = new JsonObject { ["memory"] = memory },
    };
}
