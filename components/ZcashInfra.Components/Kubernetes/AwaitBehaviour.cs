using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// What <c>pulumi up</c> waits for after it creates, updates or deletes a Kubernetes object, declared
/// on purpose. pulumi-kubernetes waits until every replica of a Deployment, StatefulSet, DaemonSet or
/// Job is Ready, 10 minutes by default (<c>provider/pkg/await/awaiters.go</c>, <c>statefulset.go</c>,
/// <c>deployment.go</c>, <c>job.go</c>); a Zcash node is Ready only after its restore and catch-up,
/// hours later, so that wait would fail every first <c>up</c> and every rollout. The annotations
/// and their meaning are pulumi-kubernetes' (<c>provider/pkg/metadata/annotations.go</c>,
/// <c>overrides.go</c>).
/// </summary>
public static class AwaitBehaviour
{
    /// <summary>"true": no wait at all after a create or update — and, for workload kinds, none after a delete either (<c>allowsSkipAwaitWithDelete</c>).</summary>
    public const string SkipAwaitAnnotation = "pulumi.com/skipAwait";

    /// <summary>Replaces the built-in readiness wait by a <c>jsonpath=</c> or <c>condition=</c> expression (or a JSON array of them); deletes are still awaited.</summary>
    public const string WaitForAnnotation = "pulumi.com/waitFor";

    /// <summary>Seconds (an integer; anything else is ignored) the create, update or delete wait may take.</summary>
    public const string TimeoutSecondsAnnotation = "pulumi.com/timeoutSeconds";

    /// <summary>
    /// "The workload controller has seen this spec": the JSONPath condition is satisfied once
    /// <c>.status.observedGeneration</c> exists and is not behind <c>.metadata.generation</c>
    /// (<c>provider/pkg/await/condition/jsonpath.go</c>) — seconds after a create or an update,
    /// without waiting for pods.
    /// </summary>
    public const string ControllerObserved = "jsonpath={.status.observedGeneration}";

    /// <summary>The provider's default wait when nothing else is set.</summary>
    public static readonly TimeSpan ProviderDefault = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Kinds whose built-in wait lasts until their pods are Ready or complete (the <c>awaiters</c>
    /// map of <c>provider/pkg/await/awaiters.go</c>, as apiVersion/kind).
    /// </summary>
    public static readonly IReadOnlySet<string> PodReadinessKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "apps/v1/Deployment", "apps/v1/StatefulSet", "apps/v1/DaemonSet", "batch/v1/Job", "v1/Pod", "v1/ReplicationController",
    };

    /// <summary>
    /// Kinds whose delete is not awaited when skipAwait is set (<c>allowsSkipAwaitWithDelete</c> in
    /// <c>provider/pkg/metadata/overrides.go</c>): a replacement under the same name then races the
    /// old object's (foreground) deletion.
    /// </summary>
    public static readonly IReadOnlySet<string> SkipAwaitAlsoSkipsDelete = new HashSet<string>(StringComparer.Ordinal)
    {
        "apps/v1/Deployment", "apps/v1/StatefulSet", "apps/v1/DaemonSet", "batch/v1/Job", "v1/Pod", "v1/ReplicationController", "v1/Namespace",
    };

    /// <summary>
    /// A workload <c>up</c> does not wait on beyond its controller accepting the spec: the readiness
    /// of its pods is reported by Kubernetes, not by the deployment. Deletes are still awaited, so a
    /// delete-before-replace of a fixed name does not race the old object.
    /// </summary>
    public static JsonObject UntilControllerObserved(JsonObject manifest) => Annotate(manifest, WaitForAnnotation, ControllerObserved);

    /// <summary>
    /// Options for a workload whose delete waits for its pods to stop: foreground deletion (the
    /// provider's default, <c>DeletionPropagation</c> in <c>overrides.go</c>) lasts up to the pods'
    /// termination grace period, so the delete limit is that plus <paramref name="margin"/>, and
    /// never below the provider's default.
    /// </summary>
    public static GraphTimeouts DeleteWithin(int terminationGraceSeconds, TimeSpan margin)
    {
        var needed = TimeSpan.FromSeconds(terminationGraceSeconds) + margin;
        return new GraphTimeouts(Delete: needed > ProviderDefault ? needed : ProviderDefault);
    }

    /// <summary>The apiVersion/kind key of a manifest (<c>apps/v1/StatefulSet</c>, <c>v1/Pod</c>).</summary>
    public static string KindKey(JsonNode? manifest) =>
        $"{manifest?["apiVersion"]?.GetValue<string>()}/{manifest?["kind"]?.GetValue<string>()}";

    private static JsonObject Annotate(JsonObject manifest, string key, string value)
    {
        var metadata = manifest["metadata"] as JsonObject ?? throw new GraphException($"{KindKey(manifest)}: manifest has no metadata");
        if (metadata["annotations"] is not JsonObject annotations)
        {
            metadata["annotations"] = annotations = [];
        }

        annotations[key] = value;
        return manifest;
    }
}
