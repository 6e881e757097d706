using System.Globalization;
using System.Text.Json.Nodes;

namespace ZcashInfra.Cluster.Tests.Support;

/// <summary>What the double's snapshot controller does with a new dynamic snapshot.</summary>
public enum SnapshotOutcome
{
    /// <summary>Bound content, readyToUse false, then true.</summary>
    Ready,

    /// <summary>Bound content, then status.error.</summary>
    Error,

    /// <summary>Bound content, status.error, then (the controller's retry succeeding) readyToUse true with the error cleared.</summary>
    ErrorThenReady,

    /// <summary>Nothing (a controller that is not running).</summary>
    Never,
}

/// <summary>
/// The CSI snapshot controller and sidecar, reduced to their visible effects
/// (kubernetes-csi/external-snapshotter <c>pkg/common-controller/snapshot_controller.go</c>):
/// a dynamic snapshot gets a content named <c>snapcontent-&lt;snapshot uid&gt;</c>
/// (<c>pkg/utils/util.go</c> GetDynamicSnapshotContentNameForSnapshot) with deletionPolicy from its
/// class and a snapshotHandle, is bound with readyToUse false, then true; a pre-provisioned
/// snapshot binds to its content when the content's volumeSnapshotRef names it.
/// </summary>
public sealed class FakeSnapshotController(FakeKubernetesApi api)
{
    private const string Group = "snapshot.storage.k8s.io";

    /// <summary>What happens to the next dynamic snapshots.</summary>
    public SnapshotOutcome Outcome { get; set; } = SnapshotOutcome.Ready;

    /// <summary>The CSI driver named in created contents.</summary>
    public string Driver { get; set; } = "pd.csi.storage.gke.io";

    /// <summary>The error message for <see cref="SnapshotOutcome.Error"/>.</summary>
    public string ErrorMessage { get; set; } = "Failed to check and update snapshot content: failed to take snapshot of the volume: rpc error: code = ResourceExhausted desc = quota exceeded";

    /// <summary>Pause between status steps (the watch sees each).</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromMilliseconds(30);

    public void OnCreated(string resource, string? ns, string name)
    {
        if (resource != "volumesnapshots" || Outcome == SnapshotOutcome.Never)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            var snapshot = api.Get(Group, resource, ns, name);
            if (snapshot?["spec"]?["source"]?["volumeSnapshotContentName"]?.GetValue<string>() is { } contentName)
            {
                await Task.Delay(Step).ConfigureAwait(false);
                var content = api.Get(Group, "volumesnapshotcontents", null, contentName);
                if (content?["spec"]?["volumeSnapshotRef"] is JsonObject reference && reference["name"]?.GetValue<string>() == name && reference["namespace"]?.GetValue<string>() == ns)
                {
                    api.Update(Group, resource, ns, name, s => s["status"] = new JsonObject { ["boundVolumeSnapshotContentName"] = contentName, ["readyToUse"] = true, ["restoreSize"] = "30Gi" });
                }

                return;
            }

            var uid = snapshot?["metadata"]?["uid"]?.GetValue<string>() ?? name;
            var dynamicContent = $"snapcontent-{uid}";
            await Task.Delay(Step).ConfigureAwait(false);
            api.Put(Group, "volumesnapshotcontents", null, new JsonObject
            {
                ["apiVersion"] = "snapshot.storage.k8s.io/v1",
                ["kind"] = "VolumeSnapshotContent",
                ["metadata"] = new JsonObject { ["name"] = dynamicContent },
                ["spec"] = new JsonObject
                {
                    ["deletionPolicy"] = "Delete",
                    ["driver"] = Driver,

                    // snapshot_controller.go createSnapshotContent copies the volume's mode when
                    // --prevent-volume-mode-conversion is on (its default in v8).
                    ["sourceVolumeMode"] = "Filesystem",
                    ["source"] = new JsonObject { ["volumeHandle"] = $"projects/p/zones/z/disks/pvc-{name}" },
                    ["volumeSnapshotClassName"] = snapshot?["spec"]?["volumeSnapshotClassName"]?.GetValue<string>(),
                    ["volumeSnapshotRef"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = uid },
                },
                ["status"] = new JsonObject { ["snapshotHandle"] = $"projects/p/global/snapshots/snapshot-{uid}", ["readyToUse"] = Outcome == SnapshotOutcome.Ready },
            });
            api.Update(Group, resource, ns, name, s => s["status"] = new JsonObject { ["boundVolumeSnapshotContentName"] = dynamicContent, ["readyToUse"] = false });
            await Task.Delay(Step).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            if (Outcome == SnapshotOutcome.ErrorThenReady)
            {
                // The same error reported twice (the controller's retries), then success clears it.
                for (var i = 0; i < 2; i++)
                {
                    api.Update(Group, resource, ns, name, s => s["status"] = new JsonObject { ["boundVolumeSnapshotContentName"] = dynamicContent, ["readyToUse"] = false, ["error"] = new JsonObject { ["message"] = ErrorMessage, ["time"] = now } });
                    await Task.Delay(Step).ConfigureAwait(false);
                }
            }

            api.Update(Group, resource, ns, name, s => s["status"] = Outcome is SnapshotOutcome.Ready or SnapshotOutcome.ErrorThenReady
                ? new JsonObject { ["boundVolumeSnapshotContentName"] = dynamicContent, ["readyToUse"] = true, ["restoreSize"] = "30Gi", ["creationTime"] = now }
                : new JsonObject { ["boundVolumeSnapshotContentName"] = dynamicContent, ["readyToUse"] = false, ["error"] = new JsonObject { ["message"] = ErrorMessage, ["time"] = now } });
        });
    }
}
