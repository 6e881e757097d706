using ZcashInfra.Components.Compose;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.Compose;

/// <summary>
/// The node config file a laptop gets and the one the cluster gets, compared line by line: they
/// may differ only in the lines that name peers (cluster DNS names there, service names here).
/// </summary>
public class ComposeConfigEquivalenceTests
{
    public static TheoryData<string> SetNames => [.. ComposeSets.Every.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SetNames))]
    public void Compose_and_cluster_configs_differ_only_in_peer_address_lines(string name)
    {
        var set = ComposeSets.Every.Single(s => s.Name == name);
        var cluster = Lines(ComposeSets.ClusterConfig(set));
        var compose = Lines(ComposeConfig(set));

        var (onlyCluster, onlyCompose) = Difference(cluster, compose);
        Assert.All(onlyCluster, line => Assert.True(IsPeerLine(cluster, line), $"{name}: cluster-only line is not a peer address: {cluster[line]}"));
        Assert.All(onlyCompose, line => Assert.True(IsPeerLine(compose, line), $"{name}: compose-only line is not a peer address: {compose[line]}"));

        // Every cluster address is gone; public seeders stay.
        Assert.DoesNotContain(compose, l => l.Contains(".svc.cluster.local", StringComparison.Ordinal));
        Assert.Equal(cluster.Where(l => l.Contains("seeder", StringComparison.Ordinal)), compose.Where(l => l.Contains("seeder", StringComparison.Ordinal)));
        if (cluster.Any(l => l.Contains(".svc.cluster.local", StringComparison.Ordinal)))
        {
            Assert.NotEmpty(onlyCompose);
        }
    }

    [Fact]
    public void Peer_lines_name_the_sets_service_and_the_peer_groups_alias()
    {
        Assert.Contains("initial_testnet_peers = [\n    \"zcash-testnet-peers:18233\",\n    \"dnsseed", ComposeConfig(ComposeSets.ZebradTestnet), StringComparison.Ordinal);
        // zcashd dials one address per addnode entry, so its sets list each peer by name rather than the shared alias.
        var regtest = ComposePeers(ComposeSets.ZcashdRegtest);
        Assert.Contains("addnode=zcashd-regtest:18344\n", regtest, StringComparison.Ordinal);
        Assert.DoesNotContain("addnode=zcash-regtest-peers", regtest, StringComparison.Ordinal);
        Assert.Contains("connect=zebra-mainnet:8233\nlisten=0\n", ComposeConfig(ComposeSets.ZcashdCompat), StringComparison.Ordinal);

        var mainnet = ComposeConfig(ComposeSets.ZebradMainnet);
        Assert.Contains("initial_mainnet_peers = [\n    \"zcash-mainnet-peers:8233\",\n", mainnet, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SetNames))]
    public void Compose_and_cluster_peers_files_differ_only_in_addresses(string name)
    {
        var set = ComposeSets.Every.Single(s => s.Name == name);
        var cluster = ComposeSets.ClusterPeers(set);

        // Only zcashd sets of a peer group have one (zebrad names the peers Service; a compat zcashd connects to its zebrad set).
        Assert.Equal(!set.Args.Release.IsZebra && set.Args.Release.Zcashd.CompatWith is null, cluster is not null);
        if (cluster is null)
        {
            return;
        }

        var compose = ComposePeers(set);
        var (a, b) = (Lines(cluster), Lines(compose));
        Assert.Equal(a.Length, b.Length);
        Assert.All(a.Zip(b), pair => Assert.True(pair.First == pair.Second || (pair.First.StartsWith("addnode=", StringComparison.Ordinal) && pair.Second.StartsWith("addnode=", StringComparison.Ordinal)), $"{name}: {pair.First} / {pair.Second}"));
        Assert.DoesNotContain(".svc.cluster.local", compose, StringComparison.Ordinal);
    }

    /// <summary>zcashd's peers file as the Compose render carries it.</summary>
    private static string ComposePeers(ComposeNodeSet set) =>
        ComposeSets.Render(set)["configs"]![ComposeNames.Peers(set.Name)]!["content"]!.GetValue<string>();

    /// <summary>The set's config file as the Compose render carries it (alone, or next to the set it needs).</summary>
    private static string ComposeConfig(ComposeNodeSet set)
    {
        var document = set.Name == ComposeSets.ZcashdCompat.Name ? ComposeSets.Render(ComposeSets.ZebradMainnet, set) : ComposeSets.Render(set);
        return document["configs"]![ComposeNames.Config(set.Name)]!["content"]!.GetValue<string>();
    }

    private static string[] Lines(string text) => text.Split('\n');

    /// <summary>
    /// A peer address line: an entry of zebrad's <c>initial_*_peers</c> array, or zcashd's
    /// <c>addnode=</c> / <c>connect=</c>. Listen addresses (<c>listen_addr</c>, <c>port=</c>) are
    /// the same in both, so they are not allowed to differ.
    /// </summary>
    private static bool IsPeerLine(string[] lines, int index)
    {
        var line = lines[index];
        if (line.StartsWith("addnode=", StringComparison.Ordinal) || line.StartsWith("connect=", StringComparison.Ordinal))
        {
            return true;
        }

        for (var i = index - 1; i >= 0 && line.StartsWith("    \"", StringComparison.Ordinal); i--)
        {
            if (lines[i].StartsWith("initial_", StringComparison.Ordinal) && lines[i].EndsWith("_peers = [", StringComparison.Ordinal))
            {
                return true;
            }

            if (!lines[i].StartsWith("    \"", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The indexes of lines in only one of the texts (a longest-common-subsequence line diff).</summary>
    private static (List<int> OnlyA, List<int> OnlyB) Difference(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var (onlyA, onlyB) = (new List<int>(), new List<int>());
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                (x, y) = (x + 1, y + 1);
            }
            else if (y >= b.Length || (x < a.Length && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                onlyA.Add(x++);
            }
            else
            {
                onlyB.Add(y++);
            }
        }

        return (onlyA, onlyB);
    }
}
