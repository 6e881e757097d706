using System.Text.Json.Nodes;

namespace ZcashInfra.Cluster.Tests.Support;

/// <summary>
/// The create-time rules of external-snapshotter v8.6.0's CRDs that the double enforces, as the
/// API server would (structural schema required fields and enums, and the x-kubernetes-validations
/// "exactly one of" rules in <c>client/config/crd/snapshot.storage.k8s.io_volumesnapshots.yaml</c>
/// and <c>…_volumesnapshotcontents.yaml</c>). Unknown spec fields are refused too, where a real
/// server would silently prune them: a typo should fail a test, not vanish.
/// </summary>
public static class SnapshotSchemas
{
    private static readonly string[] SnapshotSpec = ["source", "volumeSnapshotClassName"];
    private static readonly string[] SnapshotSource = ["persistentVolumeClaimName", "volumeSnapshotContentName"];
    private static readonly string[] ContentSpec = ["deletionPolicy", "driver", "source", "sourceVolumeMode", "volumeSnapshotClassName", "volumeSnapshotRef"];
    private static readonly string[] ContentSource = ["snapshotHandle", "volumeHandle"];

    public static string Problems(string resource, JsonObject o)
    {
        var problems = new List<string>();
        var spec = o["spec"] as JsonObject;
        switch (resource)
        {
            case "volumesnapshots":
                Kind(o, "VolumeSnapshot", problems);
                Unknown(spec, SnapshotSpec, "spec", problems);
                ExactlyOne(spec?["source"] as JsonObject, SnapshotSource, "spec.source", problems);
                if (spec?["volumeSnapshotClassName"] is { } cls && cls.GetValue<string>().Length == 0)
                {
                    problems.Add("spec.volumeSnapshotClassName: must not be the empty string when set");
                }

                break;
            case "volumesnapshotcontents":
                Kind(o, "VolumeSnapshotContent", problems);
                Unknown(spec, ContentSpec, "spec", problems);
                if (spec?["deletionPolicy"]?.GetValue<string>() is not ("Delete" or "Retain"))
                {
                    problems.Add("spec.deletionPolicy: Unsupported value: supported values: \"Delete\", \"Retain\"");
                }

                if (spec?["driver"] is null)
                {
                    problems.Add("spec.driver: Required value");
                }

                ExactlyOne(spec?["source"] as JsonObject, ContentSource, "spec.source", problems);
                if (spec?["volumeSnapshotRef"] is not JsonObject reference || reference["name"] is null || reference["namespace"] is null)
                {
                    problems.Add("spec.volumeSnapshotRef: both spec.volumeSnapshotRef.name and spec.volumeSnapshotRef.namespace must be set");
                }

                break;
            default:
                break;
        }

        return string.Join("; ", problems);
    }

    private static void Kind(JsonObject o, string kind, List<string> problems)
    {
        if (o["apiVersion"]?.GetValue<string>() != "snapshot.storage.k8s.io/v1" || o["kind"]?.GetValue<string>() != kind)
        {
            problems.Add($"apiVersion/kind: want snapshot.storage.k8s.io/v1 {kind}");
        }
    }

    private static void Unknown(JsonObject? o, string[] known, string path, List<string> problems) =>
        problems.AddRange((o ?? []).Select(kv => kv.Key).Where(k => !known.Contains(k)).Select(k => $"{path}.{k}: unknown field"));

    private static void ExactlyOne(JsonObject? source, string[] fields, string path, List<string> problems)
    {
        Unknown(source, fields, path, problems);
        if ((source ?? []).Count(kv => fields.Contains(kv.Key)) != 1)
        {
            problems.Add($"{path}: exactly one of {string.Join(" and ", fields)} must be set");
        }
    }
}
