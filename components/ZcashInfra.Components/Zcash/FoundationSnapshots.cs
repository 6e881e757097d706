namespace ZcashInfra.Components.Zcash;

/// <summary>
/// The Zcash Foundation's published Zebra snapshots (Zebra book <c>user/snapshots.md</c>): the
/// bootstrap a stack's snapshot job restores from until the stack has snapshots of its own.
/// </summary>
public static class FoundationSnapshots
{
    /// <summary>Where the Foundation publishes its indexes.</summary>
    public const string BaseUrl = "https://snapshots.zfnd.org/";

    /// <summary>A network's <c>snapshots.json</c>; none for regtest (a private chain has no snapshots).</summary>
    public static Uri? Index(Network network) =>
        network == Network.Regtest ? null : new Uri($"{BaseUrl}{network.ToString().ToLowerInvariant()}/snapshots.json");

    /// <summary>The Foundation publishes zebrad state only.</summary>
    public static bool Publishes(NodeImplementation implementation) => implementation == NodeImplementation.Zebrad;
}
