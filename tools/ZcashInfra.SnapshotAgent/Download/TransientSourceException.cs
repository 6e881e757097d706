namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>A read failure that a retry (resuming at the same offset) may cure.</summary>
public class TransientSourceException : Exception
{
    public TransientSourceException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
