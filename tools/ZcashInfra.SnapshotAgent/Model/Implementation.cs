namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>Which node wrote (and can load) a state directory.</summary>
public enum Implementation
{
    Zebrad,
    Zcashd,
}
