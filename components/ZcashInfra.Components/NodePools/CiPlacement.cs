using System.Text.Json.Nodes;

namespace ZcashInfra.Components.NodePools;

/// <summary>
/// Where CI pods go. CI work (Tekton task pods, Buildbot workers, warm-capacity placeholders) runs
/// on the CI pool, which scales with demand and may be empty at night. The few always-on CI
/// services (the webhook receiver, the run pruner) run on the system pool instead, so an idle CI
/// pool can really scale to zero; they carry <see cref="ServiceLabel"/> to say so.
/// </summary>
public static class CiPlacement
{
    /// <summary>Pod label of a CI service that belongs on the system pool.</summary>
    public const string ServiceLabel = "zcash-infra/ci-service";

    /// <summary>Adds the CI pool's nodeSelector and tolerations to a pod spec (or Tekton pod template).</summary>
    public static JsonObject Work(JsonObject podSpec)
    {
        podSpec["nodeSelector"] = PoolPlacement.NodeSelector(PoolRole.Ci);
        podSpec["tolerations"] = PoolPlacement.Tolerations(PoolRole.Ci);
        return podSpec;
    }

    /// <summary>Adds the system pool's nodeSelector to a CI service's pod spec.</summary>
    public static JsonObject Service(JsonObject podSpec)
    {
        podSpec["nodeSelector"] = PoolPlacement.NodeSelector(PoolRole.System);
        return podSpec;
    }

    /// <summary>The labels a CI service's pod template carries.</summary>
    public static IReadOnlyDictionary<string, string> ServiceLabels { get; } = new Dictionary<string, string> { [ServiceLabel] = "true" };
}
