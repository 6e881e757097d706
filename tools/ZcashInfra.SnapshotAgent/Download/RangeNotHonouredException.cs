namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// A ranged request answered with the whole object (HTTP 200) of the same version: the server (or
/// a proxy) ignores Range. On the first range the download falls back to one stream; later, it is
/// retried like any transient failure.
/// </summary>
public sealed class RangeNotHonouredException : TransientSourceException
{
    public RangeNotHonouredException(string message)
        : base(message)
    {
    }
}
