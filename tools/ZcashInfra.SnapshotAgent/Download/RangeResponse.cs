namespace ZcashInfra.SnapshotAgent.Download;

/// <param name="Body">Content from the requested offset on.</param>
/// <param name="TotalLength">The whole object's length when the source knows it.</param>
public sealed record RangeResponse(Stream Body, long? TotalLength);
