using System.Globalization;
using ZcashInfra.Cluster;
using ZcashInfra.Cluster.Nodes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Stacks;

namespace ZcashInfra.Automation;

/// <summary>
/// <see cref="INodeReadiness"/> through KubernetesClient: the environment's node set pods
/// (<see cref="NodeLabels.Selector"/> in <see cref="StackNamespace.For"/> of the stack), Ready and
/// at the request's height (<see cref="NodeHeightWaiter"/>).
/// </summary>
/// <param name="kubeconfig">A kubeconfig file; default <c>KUBECONFIG</c> or <c>~/.kube/config</c>. The request's context selects the cluster.</param>
/// <param name="options">Timeout, poll interval, Unschedulable grace.</param>
public sealed class ClusterNodeReadiness(string? kubeconfig, NodeWaitOptions options) : INodeReadiness
{
    /// <inheritdoc />
    public async Task<string> WaitAsync(string stackName, EphemeralNodeRequest request, string rpcEndpoint, Action<string> progress, CancellationToken cancellationToken)
    {
        using var cluster = ClusterConnection.Open(kubeconfig, request.KubeContext, inClusterByDefault: false);
        var target = Target(stackName, request, rpcEndpoint);
        var waiter = new NodeHeightWaiter(cluster.Client, TimeProvider.System);
        return await waiter.WaitAsync(target, request.Height, p => progress($"ephemeral {stackName}: {p.Stage}: {p.Message}"), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pods of the environment's one node set, named as the components name them.</summary>
    public static NodeWaitTarget Target(string stackName, EphemeralNodeRequest request, string rpcEndpoint) => new(
        StackNamespace.For(stackName),
        EphemeralEnvironments.NodeSetName,
        string.Join(',', NodeLabels.Selector(EphemeralEnvironments.NodeSetName, request.Release.Implementation).Select(kv => $"{kv.Key}={kv.Value!.GetValue<string>()}")),
        1,
        ZcashPorts.Rpc(request.Release.Network),
        rpcEndpoint,
        NodeSetComponent.RestoreContainer);

    /// <summary>For messages: the target height or "ready".</summary>
    public static string Goal(EphemeralNodeRequest request) => request.Height?.ToString(CultureInfo.InvariantCulture) ?? "ready";
}
