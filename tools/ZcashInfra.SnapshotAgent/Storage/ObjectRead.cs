namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>An object's content from some offset on, as a store returned it.</summary>
/// <param name="Body">The bytes from the requested offset to the end; disposing it ends the request.</param>
/// <param name="TotalLength">The whole object's size.</param>
/// <param name="Version">
/// The object's version (S3 ETag, GCS generation; null when the store has none): a resume passes
/// it back, so a replaced object is never spliced onto the old one's prefix.
/// </param>
public sealed record ObjectRead(Stream Body, long TotalLength, string? Version);
