namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// A source that can serve several byte ranges of one object at once, each pinned to the version
/// the first <see cref="IRangeSource.OpenAsync"/> (at offset 0) saw: what lets a download use many
/// connections where an object store caps each one.
/// </summary>
public interface IParallelRangeSource : IRangeSource
{
    /// <summary>
    /// Opens bytes <paramref name="offset"/> up to (not including) <paramref name="end"/> of the
    /// version the download started with. The body may end early (a short range: the caller asks
    /// again for the rest) or run past <paramref name="end"/> (the caller stops reading there).
    /// </summary>
    /// <exception cref="RangeNotHonouredException">The source answered with the whole object, same version.</exception>
    /// <exception cref="TransientSourceException">A failure worth retrying.</exception>
    /// <exception cref="Errors.AgentException">A final one, e.g. the object changed since the download started.</exception>
    Task<Stream> OpenRangeAsync(long offset, long end, CancellationToken cancellationToken);
}
