using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>What a policy looks at: the graph and how much the stack's state matters.</summary>
/// <param name="Graph">The rendered graph.</param>
/// <param name="Tier">Development or production.</param>
public sealed record PolicyContext(ResourceGraph Graph, EnvironmentTier Tier)
{
    /// <summary>Whether the stack protects and retains what holds state (<c>protectState</c>). Default: production stacks do.</summary>
    public bool ProtectState { get; init; } = Tier == EnvironmentTier.Production;
}

/// <summary>A named check over a graph. Components add their own; <see cref="PolicySet"/> lists them.</summary>
public interface IPolicy
{
    /// <summary>Stable id, shown with each finding (e.g. <c>durable-data-stores</c>).</summary>
    string Id { get; }

    /// <summary>What the policy demands, in one sentence.</summary>
    string Description { get; }

    /// <summary>Every violation in the graph.</summary>
    IEnumerable<Finding> Check(PolicyContext context);
}

/// <summary>The policies every stack is checked against.</summary>
public static class PolicySet
{
    /// <summary>All policies, in the order they are reported.</summary>
    public static IReadOnlyList<IPolicy> All { get; } =
    [
        new DurableDataStoresPolicy(),
        new NoPublicWritePolicy(),
        new NoPlaintextSecretsPolicy(),
        new NoBroadGrantsPolicy(),
        new DeclaredApiUsePolicy(),
        new ReaderReadOnlyPolicy(),
        new CiPoolTaintedPolicy(),
        new RestrictedPodSecurityPolicy(),
        new ResourcesSetPolicy(),
        new DisruptionBudgetPolicy(),
        new NoSecretLiteralsPolicy(),
        new ProbesPresentPolicy(),
        new CiPoolPlacementPolicy(),
        new CiPodSecurityPolicy(),
        new SnapshotWriterScopePolicy(),
        new SnapshotJobBoundedPolicy(),
        new PoolForEveryPlacementPolicy(),
        new PodFailurePolicyPolicy(),
        new AwaitDeclaredPolicy(),
        new WorkloadsAfterPoolsPolicy(),
        new StateRetainedPolicy(),
        new QuotaScopePolicy(),
        new BuildbotWorkerNamesPolicy(),
        new RunVolumesFitQuotaPolicy(),
        new ZcashdAcknowledgedPolicy(),
        new TriggersWiredPolicy(),
    ];

    /// <summary>Runs every policy.</summary>
    public static IReadOnlyList<Finding> Evaluate(PolicyContext context, IEnumerable<IPolicy>? policies = null) =>
        [.. (policies ?? All).SelectMany(p => p.Check(context))];
}
