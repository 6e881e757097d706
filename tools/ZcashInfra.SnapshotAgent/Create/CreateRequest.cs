using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Create;

/// <summary>Everything create needs, as parsed from the command line.</summary>
/// <param name="Source">The stopped node's state directory (zebrad cache_dir, or zcashd's network data directory).</param>
/// <param name="Node">Network, implementation, db major and (zcashd) flags to record.</param>
/// <param name="Height">Block height of the state.</param>
/// <param name="Output">Archive path; its suffix (.tar.zst, .tar.gz, .tar) picks the compression.</param>
/// <param name="Level">Compression level (zstd 1–19, gzip mapped to fastest/optimal/smallest); null for the default.</param>
/// <param name="ZebradVersion">zebrad version that wrote the state, recorded in the manifest.</param>
/// <param name="ProgressInterval">How often to log progress.</param>
/// <param name="Force">Replace an existing archive at <paramref name="Output"/> (otherwise refused).</param>
public sealed record CreateRequest(string Source, NodeRequirements Node, long Height, string Output, int? Level, string? ZebradVersion, TimeSpan ProgressInterval, bool Force = false);
