namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>One object: its store (the bucket's client) and its key.</summary>
public sealed record StoreObject(IObjectStore Store, string Key)
{
    public string Describe() => Store.Describe(Key);
}
