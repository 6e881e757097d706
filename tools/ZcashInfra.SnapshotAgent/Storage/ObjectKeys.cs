namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>Object keys in URLs: escaped segment by segment (a key's <c>/</c> stays a path separator), and back.</summary>
public static class ObjectKeys
{
    public static string Escape(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The key an <c>s3://bucket/key</c> or <c>gs://bucket/key</c> URL names.</summary>
    public static string FromUrl(Uri url) => Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
}
