using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.Ci;

namespace ZcashInfra.Components.Tests.Policies;

/// <summary>
/// With the affinity assistant disabled a run's volumeClaimTemplate claims live until the run is
/// deleted (tektoncd/pipeline v1.15.0 docs/affinityassistants.md): kept runs plus concurrent runs
/// must fit the volume quota.
/// </summary>
public class RunVolumesFitQuotaPolicyTests
{
    private static List<string> Findings(CiQuota imagesQuota, int keep = 20) =>
        [.. new RunVolumesFitQuotaPolicy().Check(new PolicyContext(
            CiGraphs.Full(tekton: t => t with { Pruning = t.Pruning with { KeepRuns = keep } }, imagesQuota: imagesQuota),
            EnvironmentTier.Production)).Select(f => $"{f.ResourcePath}: {f.Message}")];

    [Fact]
    public void Four_image_claims_cannot_hold_fifty_kept_runs_and_four_builds()
    {
        var findings = Findings(new CiQuota("8", "16Gi", 10, 4, "40Gi"), keep: 50).Where(f => f.StartsWith("test/ci-images-limits/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.StartsWith("test/ci-images-limits/ci-images-limits-storage-quota: spec.hard.persistentvolumeclaims is 4, but runs hold up to 54 claims (50 kept × 1 pipeline(s) (snapshot-agent-image) + 4 concurrent + 0 standalone)", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("spec.hard.requests.storage is 40Gi, but runs hold up to 270Gi", StringComparison.Ordinal));
    }

    [Fact]
    public void A_quota_sized_for_keep_plus_concurrency_passes_and_the_ci_namespace_counts_its_cache()
    {
        Assert.DoesNotContain(Findings(new CiQuota("8", "16Gi", 10, 54, "270Gi"), keep: 50), f => f.StartsWith("test/ci-images-limits/", StringComparison.Ordinal));
        Assert.Empty(Findings(new CiQuota("8", "16Gi", 10, 24, "120Gi"), keep: 20));

        // zcash-ci: 40 claims hold 20 kept node runs + 4 concurrent (24), so it passes; keeping 40 runs
        // needs 44, and a shared cache claim one more.
        var findings = Findings(new CiQuota("8", "16Gi", 10, 44, "220Gi"), keep: 40);
        Assert.Contains(findings, f => f.StartsWith("test/ci-limits/ci-limits-storage-quota: spec.hard.persistentvolumeclaims is 40, but runs hold up to 44 claims", StringComparison.Ordinal));
        var shared = new RunVolumesFitQuotaPolicy().Check(new PolicyContext(
            CiGraphs.Full(
                pipelines: p => p with { Cache = new ZcashInfra.Components.CiPipelines.BuildCacheArgs { AccessMode = ZcashInfra.Components.CiPipelines.BuildCacheArgs.ReadWriteMany, StorageClass = "rwx" } },
                tekton: t => t with { Pruning = t.Pruning with { KeepRuns = 36 } }),
            EnvironmentTier.Production)).Select(f => f.Message).ToList();
        Assert.Contains(shared, m => m.Contains("up to 41 claims (36 kept × 1 pipeline(s) (zcash-node-ci) + 4 concurrent + 1 standalone)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_quota_without_a_stated_concurrency_or_a_namespace_without_a_pruner_is_reported()
    {
        var findings = new RunVolumesFitQuotaPolicy().Check(new PolicyContext(
            CiGraphs.Full(tekton: t => t with { RunNamespaces = [ZcashInfra.Components.Kubernetes.Namespaces.Ci] }), EnvironmentTier.Production)).ToList();
        Assert.Contains(findings, f => f.Message.StartsWith("no pruner deletes finished runs in zcash-ci-images", StringComparison.Ordinal));
    }
}
