namespace ZcashInfra.SnapshotAgent.Cut;

/// <summary>
/// A serving node gave no HTTP answer at all in any attempt (connection refused, name not
/// resolved, no answer in time): distinct from a node that answered badly, which is an error
/// outright. Only this case lets <c>target-height</c> fall back to the indexes.
/// </summary>
public sealed class NodeUnreachableException : Exception
{
    public NodeUnreachableException(string message)
        : base(message)
    {
    }
}
