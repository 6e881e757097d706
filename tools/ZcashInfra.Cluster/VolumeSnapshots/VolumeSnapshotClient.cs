using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>
/// VolumeSnapshot and VolumeSnapshotContent calls through KubernetesClient's custom-object API,
/// each failure a <see cref="ClusterException"/> naming the object. Waiting uses a watch
/// (<c>?watch=true</c> from the listed resourceVersion, Kubernetes API conventions "Efficient
/// detection of changes"), re-opened until the deadline because servers end watches after
/// <c>timeoutSeconds</c>.
/// </summary>
/// <param name="client">The cluster.</param>
/// <param name="ns">The namespace of the VolumeSnapshots.</param>
/// <param name="time">The clock deadlines are measured with.</param>
public sealed class VolumeSnapshotClient(IKubernetes client, string ns, TimeProvider time)
{
    /// <summary>The longest single watch request; shorter than KubernetesClient's default 100 s HTTP timeout.</summary>
    private const int WatchSeconds = 60;

    /// <summary>The namespace.</summary>
    public string Namespace => ns;

    /// <summary>The snapshot, or null when there is none of that name.</summary>
    public async Task<VolumeSnapshot?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var o = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(SnapshotApi.Group, SnapshotApi.Version, ns, SnapshotApi.VolumeSnapshots, name, cancellationToken).ConfigureAwait(false);
            return VolumeSnapshot.From(o);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            throw ApiErrors.From($"get volumesnapshot {ns}/{name}", e);
        }
    }

    /// <summary>Creates a VolumeSnapshot; false when one of that name exists already.</summary>
    public async Task<bool> CreateAsync(JsonObject snapshot, CancellationToken cancellationToken)
    {
        var name = snapshot["metadata"]!["name"]!.GetValue<string>();
        try
        {
            await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(snapshot, SnapshotApi.Group, SnapshotApi.Version, ns, SnapshotApi.VolumeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (ApiErrors.IsConflict(e))
        {
            return false;
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            throw ApiErrors.From($"create volumesnapshot {ns}/{name}", e);
        }
    }

    /// <summary>The snapshots matching a label selector (<c>k=v,k2=v2</c>; empty for all).</summary>
    public async Task<IReadOnlyList<VolumeSnapshot>> ListAsync(string labelSelector, CancellationToken cancellationToken)
    {
        var list = await ApiErrors.Describe($"list volumesnapshots in {ns}", () => client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(
            SnapshotApi.Group, SnapshotApi.Version, ns, SnapshotApi.VolumeSnapshots, labelSelector: labelSelector.Length == 0 ? null : labelSelector, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. (list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(VolumeSnapshot.From)];
    }

    /// <summary>Deletes a VolumeSnapshot; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(SnapshotApi.Group, SnapshotApi.Version, ns, SnapshotApi.VolumeSnapshots, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return false;
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            throw ApiErrors.From($"delete volumesnapshot {ns}/{name}", e);
        }
    }

    /// <summary>A (cluster-scoped) VolumeSnapshotContent, or null.</summary>
    public async Task<VolumeSnapshotContent?> GetContentAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var o = await client.CustomObjects.GetClusterCustomObjectAsync<JsonObject>(SnapshotApi.Group, SnapshotApi.Version, SnapshotApi.VolumeSnapshotContents, name, cancellationToken).ConfigureAwait(false);
            return VolumeSnapshotContent.From(o);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            throw ApiErrors.From($"get volumesnapshotcontent {name}", e);
        }
    }

    /// <summary>Creates a VolumeSnapshotContent; false when one of that name exists already.</summary>
    public async Task<bool> CreateContentAsync(JsonObject content, CancellationToken cancellationToken)
    {
        var name = content["metadata"]!["name"]!.GetValue<string>();
        try
        {
            await client.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(content, SnapshotApi.Group, SnapshotApi.Version, SnapshotApi.VolumeSnapshotContents, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (ApiErrors.IsConflict(e))
        {
            return false;
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            throw ApiErrors.From($"create volumesnapshotcontent {name}", e);
        }
    }

    /// <summary>Deletes a VolumeSnapshotContent; false when it was already gone.</summary>
    public async Task<bool> DeleteContentAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.DeleteClusterCustomObjectAsync<JsonObject>(SnapshotApi.Group, SnapshotApi.Version, SnapshotApi.VolumeSnapshotContents, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return false;
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            throw ApiErrors.From($"delete volumesnapshotcontent {name}", e);
        }
    }

    /// <summary>The (cluster-scoped) VolumeSnapshotContents matching a label selector.</summary>
    public async Task<IReadOnlyList<VolumeSnapshotContent>> ListContentsAsync(string labelSelector, CancellationToken cancellationToken)
    {
        var list = await ApiErrors.Describe($"list volumesnapshotcontents ({labelSelector})", () => client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(
            SnapshotApi.Group, SnapshotApi.Version, SnapshotApi.VolumeSnapshotContents, labelSelector: labelSelector, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. (list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(VolumeSnapshotContent.From)];
    }

    /// <summary>The namespace's PersistentVolumeClaims whose data source is a VolumeSnapshot.</summary>
    public async Task<IReadOnlyList<RestoringClaim>> ListRestoringClaimsAsync(CancellationToken cancellationToken)
    {
        var list = await ApiErrors.Describe($"list persistentvolumeclaims in {ns}", () => client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. list.Items.Select(c => RestoringClaim.From(c, ns)).OfType<RestoringClaim>()];
    }

    /// <summary>The clock's current time (what ages are measured against).</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Watches VolumeSnapshot <paramref name="name"/> until <paramref name="done"/> returns a
    /// result for its current state (null state: the object does not exist). Throws
    /// <see cref="TimeoutException"/> at <paramref name="timeout"/>, naming the last state seen.
    /// </summary>
    public async Task<T> WaitAsync<T>(string name, Func<VolumeSnapshot?, T?> done, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        var deadline = time.GetUtcNow() + timeout;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        VolumeSnapshot? last = null;
        try
        {
            while (true)
            {
                // List (one object, by field selector) for the current state and the resourceVersion to watch from.
                var list = await ApiErrors.Describe($"list volumesnapshot {ns}/{name}", () => client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(
                    SnapshotApi.Group, SnapshotApi.Version, ns, SnapshotApi.VolumeSnapshots, fieldSelector: $"metadata.name={name}", cancellationToken: timer.Token)).ConfigureAwait(false);
                last = (list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(VolumeSnapshot.From).FirstOrDefault();
                if (done(last) is { } result)
                {
                    return result;
                }

                var version = list["metadata"]?["resourceVersion"]?.GetValue<string>();
                var seconds = (int)Math.Clamp(Math.Ceiling((deadline - time.GetUtcNow()).TotalSeconds), 1, WatchSeconds);
                var events = client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                    SnapshotApi.Group, SnapshotApi.Version, ns, SnapshotApi.VolumeSnapshots,
                    fieldSelector: $"metadata.name={name}", resourceVersion: version, timeoutSeconds: seconds, cancellationToken: timer.Token);
                await foreach (var (type, item) in ApiErrors.Watch($"watch volumesnapshot {ns}/{name}", events).ConfigureAwait(false))
                {
                    if (type == WatchEventType.Error)
                    {
                        // 410 Gone (resourceVersion too old) or another Status: list again.
                        break;
                    }

                    if (type is WatchEventType.Bookmark || Object(item) is not { } o)
                    {
                        continue;
                    }

                    last = type == WatchEventType.Deleted ? null : VolumeSnapshot.From(o);
                    if (done(last) is { } result2)
                    {
                        return result2;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"volumesnapshot {ns}/{name}: not done after {Durations.Format(timeout)} ({State(last)})");
        }
        catch (ClusterException e) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e.InnerException is OperationCanceledException or HttpRequestException)
        {
            throw new TimeoutException($"volumesnapshot {ns}/{name}: not done after {Durations.Format(timeout)} ({State(last)})");
        }
        finally
        {
            // Closes a watch left open by an early return: KubernetesClient keeps reading it otherwise.
            await timer.CancelAsync().ConfigureAwait(false);
        }
    }

    private static string State(VolumeSnapshot? last) =>
        last is null ? "it does not exist"
        : $"readyToUse {last.ReadyToUse.ToString().ToLowerInvariant()}{(last.Deleting ? ", being deleted" : string.Empty)}{(last.Error is { } error ? $", last error: {error}" : string.Empty)}";

    private static JsonObject? Object(object? item) => item switch
    {
        JsonObject o => o,
        JsonElement { ValueKind: JsonValueKind.Object } e => JsonNode.Parse(e.GetRawText()) as JsonObject,
        null => null,
        _ => JsonNode.Parse(KubernetesJson.Serialize(item)) as JsonObject,
    };
}
