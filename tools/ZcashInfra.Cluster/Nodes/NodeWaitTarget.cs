namespace ZcashInfra.Cluster.Nodes;

/// <summary>Which pods make up a node set and how to reach their RPC.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="NodeSet">The node set's name (for messages).</param>
/// <param name="LabelSelector">Selects exactly its node pods (<c>k=v,k2=v2</c>).</param>
/// <param name="Replicas">How many pods it should have.</param>
/// <param name="RpcPort">The pods' JSON-RPC port.</param>
/// <param name="RpcEndpoint">The in-cluster <c>host:port</c> handed back when the node is usable.</param>
/// <param name="RestoreContainer">The name of the restore init container.</param>
public sealed record NodeWaitTarget(string Namespace, string NodeSet, string LabelSelector, int Replicas, int RpcPort, string RpcEndpoint, string RestoreContainer);

/// <summary>How the wait behaves.</summary>
/// <param name="Timeout">Give up after this long.</param>
/// <param name="Poll">Pause between looks.</param>
/// <param name="UnschedulableGrace">How long Unschedulable may last before it is a failure (a cluster autoscaler adds nodes in minutes).</param>
public sealed record NodeWaitOptions(TimeSpan Timeout, TimeSpan Poll, TimeSpan UnschedulableGrace)
{
    /// <summary>Defaults for a real cluster: 2 h, every 10 s, 10 min of Unschedulable.</summary>
    public static NodeWaitOptions Default { get; } = new(TimeSpan.FromHours(2), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
}

/// <summary>One progress report.</summary>
/// <param name="Stage">pods, restore, catch-up or ready.</param>
/// <param name="Message">What is happening, for a person.</param>
/// <param name="Height">The tip when known.</param>
/// <param name="Target">The height waited for.</param>
public sealed record NodeWaitProgress(string Stage, string Message, long? Height, long Target);
