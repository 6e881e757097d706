namespace ZcashInfra.Automation;

/// <summary>Waits until an ephemeral environment's node is usable (a seam so the lifecycle is tested without a cluster).</summary>
public interface INodeReadiness
{
    /// <summary>Returns the RPC endpoint once the node is Ready at the requested height; throws with the pod's reason otherwise.</summary>
    Task<string> WaitAsync(string stackName, EphemeralNodeRequest request, string rpcEndpoint, Action<string> progress, CancellationToken cancellationToken);
}
