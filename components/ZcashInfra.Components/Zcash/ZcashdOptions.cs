namespace ZcashInfra.Components.Zcash;

/// <summary>zcashd-only options of a <see cref="NodeRelease"/>: the index flags (a snapshot is made with the flags of the nodes that restore it) and the compat sidecar.</summary>
public sealed record ZcashdOptions
{
    /// <summary>Run with <c>-txindex</c>. Default false.</summary>
    public bool TxIndex { get; init; }

    /// <summary>Run with <c>-insightexplorer</c> (needs <c>-txindex</c>). Default false.</summary>
    public bool InsightExplorer { get; init; }

    /// <summary>Run with <c>-lightwalletd</c> (needs <c>-txindex</c>). Default false.</summary>
    public bool Lightwalletd { get; init; }

    /// <summary>
    /// Run as Zebra's compat sidecar: the name of a zebrad node set on the same network (and in the
    /// same namespace) that is zcashd's only peer (<c>connect=</c>, <c>listen=0</c>,
    /// <c>dnsseed=0</c>). Default: none, an ordinary zcashd node.
    /// </summary>
    public string? CompatWith { get; init; }
}
