namespace ZcashInfra.Components.Policies;

/// <summary>Type tokens of resources that hold data a delete would lose.</summary>
public static class DataStores
{
    /// <summary>The tokens.</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "gcp:storage/bucket:Bucket",
        "aws:s3/bucket:Bucket",
        "kubernetes:core/v1:PersistentVolumeClaim",
    };
}
