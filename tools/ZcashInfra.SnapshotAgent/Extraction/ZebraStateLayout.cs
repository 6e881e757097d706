namespace ZcashInfra.SnapshotAgent.Extraction;

/// <summary>
/// zebrad's cache_dir: <c>state/v&lt;major&gt;/&lt;network&gt;/</c> (RocksDB) and
/// <c>non_finalized_state/&lt;network&gt;/</c>. An entry for another db major or network refuses
/// the archive: zebrad would silently ignore such a state and sync from genesis, the failure
/// Zebra's own CI hit with wrong-version disk images.
/// </summary>
public sealed class ZebraStateLayout : StateLayout
{
    private const string State = "state";
    private const string NonFinalized = "non_finalized_state";
    private readonly string _network;
    private readonly string _version;

    public ZebraStateLayout(string network, int dbMajor)
    {
        _network = network;
        _version = $"v{dbMajor}";
    }

    public override IReadOnlyList<string> TopLevel => [State, NonFinalized];

    public override string Description => $"zebrad {State}/{_version}/{_network}";

    public override IReadOnlyList<string> PackRoots => [$"{State}/{_version}/{_network}"];

    public override EntryDecision Decide(string path)
    {
        var segments = path.Split('/');
        switch (segments[0])
        {
            case State:
                if (segments.Length >= 2 && segments[1] != _version)
                {
                    return new EntryDecision(EntryAction.Reject, $"entry {path} is for database {segments[1]}, the node needs {_version}");
                }

                if (segments.Length >= 3 && segments[2] != _network)
                {
                    return new EntryDecision(EntryAction.Reject, $"entry {path} is for network {segments[2]}, the node is on {_network}");
                }

                return EntryDecision.Extract;
            case NonFinalized:
                return segments.Length >= 2 && segments[1] != _network
                    ? new EntryDecision(EntryAction.Reject, $"entry {path} is for network {segments[1]}, the node is on {_network}")
                    : EntryDecision.Extract;
            default:
                return new EntryDecision(EntryAction.Skip, $"{path} is not zebrad state");
        }
    }

    public override string? CheckComplete(string root) =>
        HasAnyFile(Path.Combine(root, State, _version, _network))
            ? null
            : $"the archive holds no {State}/{_version}/{_network}/ state";
}
