namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>Which store, and where in it: <c>s3://bucket/prefix</c>, <c>gs://bucket/prefix</c> or <c>file:///dir</c>.</summary>
public sealed record StoreLocation(string Scheme, string Bucket, string Prefix)
{
    public static StoreLocation Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"--to must be s3://bucket/prefix, gs://bucket/prefix or file:///dir, not '{text}'");
        }

        return uri.Scheme switch
        {
            "s3" or "gs" when uri.Host.Length > 0 => new StoreLocation(uri.Scheme, uri.Host, uri.AbsolutePath.Trim('/')),
            "file" => new StoreLocation("file", "", uri.LocalPath),
            _ => throw new ArgumentException($"--to must be s3://bucket/prefix, gs://bucket/prefix or file:///dir, not '{text}'"),
        };
    }

    /// <summary>A key under the prefix.</summary>
    public string Key(string relative) => Scheme == "file" || Prefix.Length == 0 ? relative : $"{Prefix}/{relative}";
}
