using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Tests.NodeSet;
using ZcashInfra.Components.Tests.SnapshotJob;
using ZcashInfra.Components.Validation;
using ZcashInfra.Components.VolumeSnapshots;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.VolumeSnapshots;

/// <summary>
/// What volume snapshots render: the class and grants, the job's extra step and volumes, the node
/// set's claim template; each checked against the CSI CRD schemas (external-snapshotter v8.6.0)
/// and the Kubernetes 1.34 strict schemas, and against the policies.
/// </summary>
public class VolumeSnapshotRenderTests
{
    private static readonly KubernetesSchemas Schemas = new(TestSchemas.Folder);

    private static JsonObject Object(ResourceGraph graph, string kind, string? name = null) =>
        InputTree.CopyObject(graph.Resources.Single(n => n.Type.EndsWith(":" + kind, StringComparison.Ordinal)
            && (name is null || n.Inputs["metadata"]!["name"]!.GetValue<string>() == name)).Inputs, kind);

    [Theory]
    [InlineData(Cloud.Aws, "ebs.csi.aws.com")]
    [InlineData(Cloud.Gcp, "pd.csi.storage.gke.io")]
    public void Every_rendered_object_validates_against_the_csi_and_kubernetes_schemas_and_the_class_is_the_clouds_driver(Cloud cloud, string driver)
    {
        var (graph, storage) = VolumeSnapshotGraphs.Declare(cloud);
        foreach (var (node, manifest) in graph.Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type)).Select(n => (n, InputTree.CopyObject(n.Inputs, n.Name))))
        {
            Assert.True(Schemas.Validate(manifest) is { Count: 0 }, $"{node.Path}: {string.Join("; ", Schemas.Validate(manifest))}");
        }

        var snapshotClass = Object(graph, "VolumeSnapshotClass");
        Assert.Equal(("zcash-node-state-prod", driver, "Delete"),
            (snapshotClass["metadata"]!["name"]!.GetValue<string>(), snapshotClass["driver"]!.GetValue<string>(), snapshotClass["deletionPolicy"]!.GetValue<string>()));
        var stateClass = Object(graph, "StorageClass");
        Assert.Equal((driver, "Delete", storage.JobStateStorageClass),
            (stateClass["provisioner"]!.GetValue<string>(), stateClass["reclaimPolicy"]!.GetValue<string>(), stateClass["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(NodeStateStorage.Parameters(cloud).ToJsonString(), stateClass["parameters"]!.ToJsonString());
    }

    [Fact]
    public void A_bad_deletion_policy_fails_the_csi_schema()
    {
        var snapshotClass = Object(VolumeSnapshotGraphs.Declare().Graph, "VolumeSnapshotClass");
        snapshotClass["deletionPolicy"] = "Keep";
        Assert.NotEmpty(Schemas.Validate(snapshotClass));
        snapshotClass["deletionPolicy"] = "Delete";
        snapshotClass["parameterz"] = new JsonObject();
        Assert.NotEmpty(Schemas.Validate(snapshotClass));
    }

    [Fact]
    public void The_grants_are_exactly_the_commands_uses_namespaced_in_a_role_and_cluster_scoped_in_a_cluster_role()
    {
        var graph = VolumeSnapshotGraphs.Declare().Graph;
        Assert.Equal(
            """[{"apiGroups":["snapshot.storage.k8s.io"],"resources":["volumesnapshots"],"verbs":["get","list","watch","create","delete"]},{"apiGroups":[""],"resources":["persistentvolumeclaims"],"verbs":["list"]}]""",
            Object(graph, "Role")["rules"]!.ToJsonString());
        Assert.Equal(
            """[{"apiGroups":["snapshot.storage.k8s.io"],"resources":["volumesnapshotcontents"],"verbs":["get","list","create","delete"]}]""",
            Object(graph, "ClusterRole")["rules"]!.ToJsonString());
        var subject = """[{"kind":"ServiceAccount","name":"zcash-snapshot-writer","namespace":"zcash"}]""";
        Assert.Equal(subject, Object(graph, "RoleBinding")["subjects"]!.ToJsonString());
        Assert.Equal(subject, Object(graph, "ClusterRoleBinding")["subjects"]!.ToJsonString());
        Assert.Equal("zcash-volume-snapshots-zcash", Object(graph, "ClusterRole")["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void The_job_publishes_first_then_snapshots_its_state_volume_which_has_the_node_sets_driver_and_size()
    {
        var graph = VolumeSnapshotGraphs.Declare().Graph;
        var pod = SnapshotJobs.PodSpec(graph);
        Assert.Equal(["restore", "target", "node", "check", "publish"], SnapshotJobs.Names(pod["initContainers"]));
        Assert.Equal(["volume-snapshot"], SnapshotJobs.Names(pod["containers"]));
        Assert.False(pod["automountServiceAccountToken"]!.GetValue<bool>());

        // Only the last step mounts an API token; the node and the publish never see one.
        var withToken = pod["initContainers"]!.AsArray().Concat(pod["containers"]!.AsArray())
            .Where(c => c!["volumeMounts"]!.AsArray().Any(m => m!["mountPath"]!.GetValue<string>() == Components.SnapshotJob.SnapshotJobPod.ServiceAccountDir))
            .Select(c => c!["name"]!.GetValue<string>());
        Assert.Equal(["volume-snapshot"], withToken);

        var volumes = pod["volumes"]!.AsArray().ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!.AsObject());
        var state = volumes["scratch"]["ephemeral"]!["volumeClaimTemplate"]!["spec"]!;
        Assert.Equal(("zcash-snapshot-job-state-prod", "400Gi"), (state["storageClassName"]!.GetValue<string>(), state["resources"]!["requests"]!["storage"]!.GetValue<string>()));
        var archive = volumes["archive"]["ephemeral"]!["volumeClaimTemplate"]!["spec"]!;
        Assert.Equal(("gp3", "400Gi"), (archive["storageClassName"]!.GetValue<string>(), archive["resources"]!["requests"]!["storage"]!.GetValue<string>()));
        Assert.Equal("token", volumes["kube-api-access"]["projected"]!["sources"]![0]!["serviceAccountToken"]!["path"]!.GetValue<string>());

        // The archive is written on its own volume, so the snapshot holds the state alone.
        Assert.Contains("archive=\"/snapshot-out/", SnapshotJobs.Script(graph, "publish"), StringComparison.Ordinal);

        // An hour more than the default deadline for the snapshot to become ready.
        Assert.Equal((long)TimeSpan.FromHours(5).TotalSeconds, SnapshotJobs.CronJobSpec(graph)["jobTemplate"]!["spec"]!["activeDeadlineSeconds"]!.GetValue<long>());
    }

    [Fact]
    public void The_volume_snapshot_step_flushes_the_state_and_calls_the_agent_with_the_series_labels_and_alias()
    {
        var script = SnapshotJobs.Script(VolumeSnapshotGraphs.Declare().Graph, "volume-snapshot");
        var lines = script.Split('\n');
        Assert.Contains("sync -f /home/zebra/.cache/zebra", lines);
        Assert.Contains("claim=\"$POD_NAME-scratch\"", lines);
        Assert.Contains("snapshot=\"zebrad-mainnet-v28-h$height-${POD_NAME##*-}\"", lines);
        var call = lines.Single(l => l.StartsWith("exec 'dotnet' '/app/zcash-snapshot-agent.dll' ", StringComparison.Ordinal));
        var words = SnapshotJobs.Words(call["exec 'dotnet' '/app/zcash-snapshot-agent.dll' ".Length..], new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["claim"] = "snap-1-abcde-scratch",
            ["snapshot"] = "zebrad-mainnet-v28-h3600000-abcde",
            ["height_label"] = "zcash.height=3600000",
        });
        Assert.Equal(
            [
                "volume-snapshot", "--claim", "snap-1-abcde-scratch", "--class", "zcash-node-state-prod", "--name", "zebrad-mainnet-v28-h3600000-abcde",
                "--label", "zcash.network=mainnet", "--label", "zcash.implementation=zebrad", "--label", "zcash.db-major=28",
                "--label", "zcash.height=3600000", "--label", "app.kubernetes.io/version=6.3.0",
                "--series", "zcash.network=mainnet", "--series", "zcash.implementation=zebrad", "--series", "zcash.db-major=28",
                "--keep", "2", "--alias", "zebrad-mainnet-v28-latest", "--namespace", "zcash", "--timeout", "60m",
            ],
            words);
        Assert.True(lines.ToList().IndexOf("sync -f /home/zebra/.cache/zebra") < lines.ToList().IndexOf(call));
    }

    [Fact]
    public void A_failed_volume_snapshot_fails_the_job_without_a_retry_and_the_rule_passes_the_api_servers_checks()
    {
        var graph = VolumeSnapshotGraphs.Declare().Graph;
        var rules = SnapshotJobs.CronJobSpec(graph)["jobTemplate"]!["spec"]!["podFailurePolicy"]!["rules"]!.AsArray();
        Assert.Equal("""{"action":"FailJob","onExitCodes":{"containerName":"volume-snapshot","operator":"NotIn","values":[0]}}""", rules[1]!.ToJsonString());
        Assert.Empty(new PodFailurePolicyPolicy().Check(new PolicyContext(graph, EnvironmentTier.Production)));
    }

    [Fact]
    public void The_node_sets_claim_template_names_the_alias_through_data_source_ref_only()
    {
        var template = NodeSets.Single(VolumeSnapshotGraphs.Declare().Graph, "StatefulSet").Inputs["spec"]!["volumeClaimTemplates"]![0]!["spec"]!;
        Assert.Equal("""{"apiGroup":"snapshot.storage.k8s.io","kind":"VolumeSnapshot","name":"zebrad-mainnet-v28-latest"}""", template["dataSourceRef"]!.ToJsonString());
        Assert.Null(template["dataSource"]);

        // Without one, the template is what it always was: turning the option on is the only change.
        var plain = NodeSets.Single(NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet).Graph, "StatefulSet").Inputs["spec"]!["volumeClaimTemplates"]![0]!["spec"]!.AsObject();
        Assert.Equal(plain.Select(kv => kv.Key), template.AsObject().Select(kv => kv.Key).Where(k => k != "dataSourceRef"));
    }

    [Fact]
    public void A_node_set_cloned_from_a_snapshot_without_a_bucket_restore_is_refused()
    {
        var error = Assert.Throws<GraphException>(() => NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet, a => a with { Snapshot = null, VolumeSnapshotSource = "zebrad-mainnet-v28-latest" }));
        Assert.Contains("a VolumeSnapshotSource needs a Snapshot too", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_the_snapshot_crds_and_controller_until_the_stack_states_them()
    {
        var graph = VolumeSnapshotGraphs.Declare().Graph;
        var finding = Assert.Single(ClusterPrerequisite.Missing(graph, new HashSet<string>(StringComparer.Ordinal), [StatedPrerequisites.VolumeSnapshots]));
        Assert.StartsWith("volumeSnapshots: VolumeSnapshotClass zcash-node-state-prod is a CSI snapshot object (and 1 more).", finding.Message, StringComparison.Ordinal);
        Assert.Empty(ClusterPrerequisite.Missing(graph, new HashSet<string>(StringComparer.Ordinal) { "volumeSnapshots" }, [StatedPrerequisites.VolumeSnapshots]));
        Assert.Contains(ClusterPrerequisites.Of(graph), p => p.Requirement == "CSI driver ebs.csi.aws.com" && p.NeededBy.Contains("prod/volume-snapshots/volume-snapshots-class"));
        Assert.Empty(ClusterPrerequisite.Missing(SnapshotJobs.Declare("snap", SnapshotJobs.ZebradMainnet).Graph, new HashSet<string>(StringComparer.Ordinal), [StatedPrerequisites.VolumeSnapshots]));
    }
}
