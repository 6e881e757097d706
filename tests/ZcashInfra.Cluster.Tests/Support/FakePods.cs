using System.Globalization;
using System.Text.Json.Nodes;

namespace ZcashInfra.Cluster.Tests.Support;

/// <summary>Pod objects as the kubelet reports them (core/v1 PodStatus: conditions, initContainerStatuses, containerStatuses).</summary>
public static class FakePods
{
    public static readonly JsonObject NodeLabels = new()
    {
        ["app.kubernetes.io/name"] = "zebrad",
        ["app.kubernetes.io/instance"] = "node",
        ["app.kubernetes.io/component"] = "node",
    };

    public static JsonObject Pod(string name, JsonObject status, string claim = "state-node-0") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = NodeLabels.DeepClone() },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "zebrad", ["image"] = "zfnd/zebra:7.0.0" }),
            ["volumes"] = new JsonArray(new JsonObject { ["name"] = "state", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claim } }),
        },
        ["status"] = status,
    };

    public static JsonObject Restoring() => new()
    {
        ["phase"] = "Pending",
        ["conditions"] = new JsonArray(Condition("PodScheduled", "True"), Condition("Ready", "False")),
        ["initContainerStatuses"] = new JsonArray(Container("restore", new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Time(DateTimeOffset.UtcNow) } })),
        ["containerStatuses"] = new JsonArray(Container("zebrad", new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "PodInitializing" } })),
    };

    public static JsonObject Running(bool ready, int restarts = 0) => new()
    {
        ["phase"] = "Running",
        ["conditions"] = new JsonArray(Condition("PodScheduled", "True"), Condition("Ready", ready ? "True" : "False")),
        ["initContainerStatuses"] = new JsonArray(Container("restore", new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed" } })),
        ["containerStatuses"] = new JsonArray(Container("zebrad", new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Time(DateTimeOffset.UtcNow) } }, restarts, ready)),
    };

    public static JsonObject ImagePullBackOff() => new()
    {
        ["phase"] = "Pending",
        ["conditions"] = new JsonArray(Condition("PodScheduled", "True"), Condition("Ready", "False")),
        ["containerStatuses"] = new JsonArray(Container("zebrad", new JsonObject
        {
            ["waiting"] = new JsonObject { ["reason"] = "ImagePullBackOff", ["message"] = "Back-off pulling image \"zfnd/zebra:9.9.9\"" },
        })),
    };

    public static JsonObject RestoreFailed(int exitCode) => new()
    {
        ["phase"] = "Pending",
        ["conditions"] = new JsonArray(Condition("PodScheduled", "True"), Condition("Ready", "False")),
        ["initContainerStatuses"] = new JsonArray(Container(
            "restore",
            new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = "back-off 40s restarting failed container=restore" } },
            2,
            false,
            new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = exitCode, ["reason"] = "Error", ["message"] = "restore: digest mismatch for https://snapshots.example/x.tar.zst\n" } })),
    };

    public static JsonObject Unschedulable(DateTimeOffset since) => new()
    {
        ["phase"] = "Pending",
        ["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "PodScheduled",
            ["status"] = "False",
            ["reason"] = "Unschedulable",
            ["message"] = "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
            ["lastTransitionTime"] = Time(since),
        }),
    };

    public static JsonObject Claim(string name, string phase) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "PersistentVolumeClaim",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["accessModes"] = new JsonArray("ReadWriteOnce") },
        ["status"] = new JsonObject { ["phase"] = phase },
    };

    /// <summary>
    /// A claim restoring from a VolumeSnapshot, with the data source in spec.dataSourceRef or (as the
    /// API server copies it, kubernetes/kubernetes pkg/api/persistentvolumeclaim/util.go
    /// NormalizeDataSources) in spec.dataSource.
    /// </summary>
    public static JsonObject ClaimFrom(string name, string phase, string snapshot, bool inDataSource = false)
    {
        var claim = Claim(name, phase);
        claim["spec"]![inDataSource ? "dataSource" : "dataSourceRef"] = new JsonObject { ["apiGroup"] = "snapshot.storage.k8s.io", ["kind"] = "VolumeSnapshot", ["name"] = snapshot };
        return claim;
    }

    public static string Tip(long blocks) =>
        $$$"""{"jsonrpc":"2.0","id":"zcash-infra","result":{"chain":"test","blocks":{{{blocks}}},"estimatedheight":{{{blocks}}}}}""";

    private static JsonObject Condition(string type, string status) => new() { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = Time(DateTimeOffset.UtcNow) };

    private static JsonObject Container(string name, JsonObject state, int restarts = 0, bool ready = false, JsonObject? lastState = null) => new()
    {
        ["name"] = name,
        ["image"] = "x",
        ["imageID"] = string.Empty,
        ["ready"] = ready,
        ["restartCount"] = restarts,
        ["state"] = state,
        ["lastState"] = lastState ?? new JsonObject(),
    };

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
