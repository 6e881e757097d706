using System.Collections;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks.Loading;

/// <summary>
/// The objects of a best-effort reading that had a shape error (an unknown key, a wrong type, a
/// missing required key), so that value errors resting on their placeholders are left out.
/// </summary>
/// <remarks>
/// Rules of one part read other parts in two ways. They look up elements of the lists below (a
/// cut finds its node set by network or by name, a node set its cut or its compat target): those
/// lists count every read of a tainted element, so a cross-check that passed over one, matched or
/// not, drops its errors. Or they read a section's fields (the cloud, tekton's build resources):
/// such reads cannot be seen, so a tainted section drops the errors of every cross-check that
/// reads the whole stack. A bad top-level key (an unknown one may be a section the others look
/// up, a bad cloud is read everywhere) is such a section. Rules that read only their own part
/// report as usual.
/// </remarks>
internal sealed class TaintedObjects : ITaintedObjects
{
    private static readonly string[] LookedUpLists = ["nodeSets", "nodePools", "snapshotSchedule.cuts"];

    private readonly IReadOnlyCollection<string> _paths;

    public TaintedObjects(IReadOnlyCollection<string> paths)
    {
        _paths = paths;
        InSections = paths.Any(t => !LookedUpLists.Any(list => t.StartsWith(list + "[", StringComparison.Ordinal)));
    }

    public bool InSections { get; }

    public int Reads { get; private set; }

    public bool Covers(SettingsPath path) => _paths.Any(t => IsWithin(path.Text, t));

    /// <summary>The settings with each looked-up list that holds a tainted element replaced by one that counts reads of it.</summary>
    public StackSettings Track(StackSettings settings) => settings with
    {
        NodeSets = Track(settings.NodeSets, "nodeSets"),
        NodePools = Track(settings.NodePools, "nodePools"),
        SnapshotSchedule = settings.SnapshotSchedule with { Cuts = Track(settings.SnapshotSchedule.Cuts, "snapshotSchedule.cuts") },
    };

    /// <summary>True when <paramref name="path"/> is <paramref name="container"/> or below it (nodeSets[1] does not contain nodeSets[10]).</summary>
    internal static bool IsWithin(string path, string container) =>
        container.Length == 0
        || (path.StartsWith(container, StringComparison.Ordinal) && (path.Length == container.Length || path[container.Length] is '.' or '['));

    private IReadOnlyList<T> Track<T>(IReadOnlyList<T> items, string list)
    {
        var tainted = Enumerable.Range(0, items.Count).Where(i => _paths.Any(t => IsWithin(t, $"{list}[{i}]"))).ToHashSet();
        return tainted.Count == 0 ? items : new ReadCountingList<T>(items, tainted, () => Reads++);
    }

    /// <summary>A list that reports each read of a tainted element, by index or by enumeration.</summary>
    private sealed class ReadCountingList<T>(IReadOnlyList<T> items, HashSet<int> tainted, Action read) : IReadOnlyList<T>
    {
        public int Count => items.Count;

        public T this[int index]
        {
            get
            {
                if (tainted.Contains(index))
                {
                    read();
                }

                return items[index];
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < items.Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
