using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.Tests.NodeSet;
using ZcashInfra.Components.Tests.SnapshotJob;

namespace ZcashInfra.Components.Tests.Policies;

/// <summary>
/// The snapshot job's policies against real renders: clean as rendered, and failing on violations
/// seeded into copies (the writer used elsewhere, a job cutting from a claim, an unbounded CronJob).
/// </summary>
public class SnapshotJobPolicyTests
{
    private static readonly IPolicy Scope = new SnapshotWriterScopePolicy();
    private static readonly IPolicy Bounded = new SnapshotJobBoundedPolicy();

    private static List<(string Name, JsonObject Manifest)> Objects(ResourceGraph graph) =>
    [
        .. graph.Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type))
            .Select(n => (n.Name, InputTree.CopyObject(n.Inputs, n.Name))),
    ];

    private static List<(string Name, JsonObject Manifest)> Job() => Objects(SnapshotJobs.Declare("snap", SnapshotJobs.ZebradMainnet).Graph);

    private static JsonObject CronJob(List<(string Name, JsonObject Manifest)> objects) => objects.Single(o => o.Name == "snap-cronjob").Manifest;

    private static JsonObject Pod(JsonObject cronJob) => cronJob["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!.AsObject();

    /// <summary>The job's objects under a component of the snapshot job's type (or, with <paramref name="asSnapshotJob"/> false, at the top), plus any others.</summary>
    private static List<string> Findings(IPolicy policy, List<(string Name, JsonObject Manifest)> job, bool asSnapshotJob = true, List<(string Name, JsonObject Manifest)>? others = null)
    {
        var builder = new GraphBuilder("t");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "k", []);
        var scope = asSnapshotJob ? builder.Root.Component(Components.SnapshotJob.SnapshotJobComponent.Type, "snap") : builder.Root;
        foreach (var (name, manifest) in job)
        {
            KubernetesObjects.Declare(scope, name, manifest, provider);
        }

        foreach (var (name, manifest) in others ?? [])
        {
            KubernetesObjects.Declare(builder.Root, name, manifest, provider);
        }

        return [.. policy.Check(new PolicyContext(builder.Build(), EnvironmentTier.Production)).Select(f => f.ToString())];
    }

    [Fact]
    public void Both_policies_pass_on_the_rendered_jobs_and_node_sets_and_are_in_the_policy_set()
    {
        var nodeSets = Objects(NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet).Graph);
        foreach (var policy in new[] { Scope, Bounded })
        {
            Assert.Empty(Findings(policy, Job(), others: nodeSets));
            Assert.Empty(policy.Check(new PolicyContext(SnapshotJobs.Declare("z", SnapshotJobs.ZcashdTestnet).Graph, EnvironmentTier.Development)));
            Assert.Contains(PolicySet.All, p => p.Id == policy.Id);
        }
    }

    [Fact]
    public void A_node_set_or_any_other_object_running_as_the_writer_is_caught()
    {
        var nodeSets = Objects(NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet).Graph);
        var statefulSet = nodeSets.Single(o => o.Name == "zebra-mainnet-statefulset").Manifest;
        statefulSet["spec"]!["template"]!["spec"]!["serviceAccountName"] = SnapshotIdentities.WriterServiceAccount;
        var pipelineRun = new JsonObject
        {
            ["apiVersion"] = "tekton.dev/v1",
            ["kind"] = "PipelineRun",
            ["metadata"] = new JsonObject { ["name"] = "ci", ["namespace"] = Namespaces.Ci },
            ["spec"] = new JsonObject { ["taskRunTemplate"] = new JsonObject { ["serviceAccountName"] = SnapshotIdentities.WriterServiceAccount } },
        };

        Assert.Equal(
            [
                "[snapshot-writer-scope] t/zebra-mainnet-statefulset: spec.template.spec.serviceAccountName is zcash-snapshot-writer, which can overwrite and delete snapshots; only the snapshot job's CronJob runs as it",
                "[snapshot-writer-scope] t/ci: spec.taskRunTemplate.serviceAccountName is zcash-snapshot-writer, which can overwrite and delete snapshots; only the snapshot job's CronJob runs as it",
            ],
            Findings(Scope, Job(), others: [.. nodeSets, ("ci", pipelineRun)]));
    }

    [Fact]
    public void A_writer_cron_job_outside_the_snapshot_job_component_is_caught()
    {
        Assert.Equal(
            ["[snapshot-writer-scope] t/snap-cronjob: spec.jobTemplate.spec.template.spec.serviceAccountName is zcash-snapshot-writer, which can overwrite and delete snapshots; only the snapshot job's CronJob runs as it"],
            Findings(Scope, Job(), asSnapshotJob: false));
    }

    [Fact]
    public void A_snapshot_pod_mounting_a_claim_would_cut_from_a_serving_nodes_state_and_is_caught()
    {
        var job = Job();
        Pod(CronJob(job))["volumes"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "serving",
            ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = "state-zebra-mainnet-0" },
        });
        Assert.Equal(
            ["[snapshot-writer-scope] t/snap/snap-cronjob: spec.jobTemplate.spec.template.spec.volumes (serving) mounts claim state-zebra-mainnet-0; the snapshot writer cuts only from its own scratch volume, never from a serving node's state"],
            Findings(Scope, job));
    }

    [Fact]
    public void Concurrent_runs_and_missing_deadlines_are_caught()
    {
        var job = Job();
        var spec = CronJob(job)["spec"]!.AsObject();
        spec["concurrencyPolicy"] = "Allow";
        spec.Remove("startingDeadlineSeconds");
        spec["jobTemplate"]!["spec"]!.AsObject().Remove("activeDeadlineSeconds");
        Assert.Equal(
            [
                "[snapshot-job-bounded] t/snap/snap-cronjob: spec.concurrencyPolicy is Allow; snapshot runs must be Forbid: two would race for the same index",
                "[snapshot-job-bounded] t/snap/snap-cronjob: spec.startingDeadlineSeconds is not set: a run the controller missed could start at any later time",
                "[snapshot-job-bounded] t/snap/snap-cronjob: spec.jobTemplate.spec.activeDeadlineSeconds is not set: a hung run would, with Forbid, block every later one",
            ],
            Findings(Bounded, job));

        var unset = Job();
        CronJob(unset)["spec"]!.AsObject().Remove("concurrencyPolicy");
        Assert.Equal(["[snapshot-job-bounded] t/snap/snap-cronjob: spec.concurrencyPolicy is unset (Allow); snapshot runs must be Forbid: two would race for the same index"], Findings(Bounded, unset));
    }

    [Fact]
    public void A_writer_cron_job_is_held_to_the_same_bounds_wherever_it_is_declared_and_other_cron_jobs_are_not()
    {
        var writer = Job();
        CronJob(writer)["spec"]!["concurrencyPolicy"] = "Replace";
        Assert.Single(Findings(Bounded, writer, asSnapshotJob: false));

        var other = Job();
        CronJob(other)["spec"]!["concurrencyPolicy"] = "Replace";
        Pod(CronJob(other))["serviceAccountName"] = "ci-cleanup";
        Assert.Empty(Findings(Bounded, other, asSnapshotJob: false));
    }
}
