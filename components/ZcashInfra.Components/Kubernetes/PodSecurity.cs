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
    /// volumes group-owned by <paramref name="fsGroup"/> when given, with
    /// <paramref name="fsGroupChangePolicy"/> when given (<c>OnRootMismatch</c> chowns a volume once
    /// instead of walking it on every start).
    /// </summary>
    public static JsonObject Pod(long runAsUser = NonRootUser, long? fsGroup = null, string? fsGroupChangePolicy = null)
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

        if (fsGroupChangePolicy is not null)
        {
            context["fsGroupChangePolicy"] = fsGroupChangePolicy;
        }

        context["seccompProfile"] = Seccomp();
        return context;
    }

    /// <summary>
    /// A restricted container security context (self-contained: valid even where the pod sets
    /// nothing), running as <paramref name="runAsUser"/> and <paramref name="runAsGroup"/> when given.
    /// </summary>
    public static JsonObject Container(long? runAsUser = null, long? runAsGroup = null)
    {
        var context = new JsonObject
        {
            ["allowPrivilegeEscalation"] = false,
            ["capabilities"] = DropAllCapabilities(),
            ["runAsNonRoot"] = true,
        };
        if (runAsUser is not null)
        {
            context["runAsUser"] = runAsUser;
        }

        if (runAsGroup is not null)
        {
            context["runAsGroup"] = runAsGroup;
        }

        context["seccompProfile"] = Seccomp();
        return context;
    }

    /// <summary>
    /// A container security context for a pod whose own context (<see cref="Pod"/>) already sets
    /// non-root and the seccomp profile: only what exists at container level (no privilege
    /// escalation, every capability dropped), and a read-only root filesystem when asked.
    /// </summary>
    public static JsonObject ContainerInRestrictedPod(bool readOnlyRootFilesystem)
    {
        var context = new JsonObject { ["allowPrivilegeEscalation"] = false };
        if (readOnlyRootFilesystem)
        {
            context["readOnlyRootFilesystem"] = true;
        }

        context["capabilities"] = DropAllCapabilities();
        return context;
    }

    /// <summary>The capabilities object that drops every capability.</summary>
    public static JsonObject DropAllCapabilities() => new() { ["drop"] = new JsonArray(DropAll) };

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
