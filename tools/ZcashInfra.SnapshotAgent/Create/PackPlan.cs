using System.Formats.Tar;
using ZcashInfra.SnapshotAgent.Extraction;

namespace ZcashInfra.SnapshotAgent.Create;

/// <summary>One archive entry create will write.</summary>
public sealed record PackItem(string Name, TarEntryType Type, long Length, UnixFileMode Mode, DateTimeOffset Modified, string? LinkTarget);

/// <summary>
/// The list of entries to pack, decided before writing starts: parents before children, names
/// sorted (so two runs over the same state give the same archive order), excluded files left out,
/// and every symbolic link checked against the same rules the extractor enforces.
/// </summary>
public static class PackPlan
{
    public static IReadOnlyList<PackItem> Build(string source, StateLayout layout)
    {
        var items = new List<PackItem>();
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in layout.PackRoots)
        {
            var full = Path.Combine(source, root);
            if (!Directory.Exists(full))
            {
                continue;
            }

            // Ancestors first (state/, state/v28/) so GNU tar recreates them with their modes.
            var segments = root.Split('/');
            for (var i = 1; i < segments.Length; i++)
            {
                var ancestor = string.Join('/', segments.Take(i));
                if (added.Add(ancestor))
                {
                    items.Add(DirectoryItem(source, ancestor));
                }
            }

            Walk(source, root, layout, items, added);
        }

        return items;
    }

    private static void Walk(string source, string relative, StateLayout layout, List<PackItem> items, HashSet<string> added)
    {
        if (added.Add(relative))
        {
            items.Add(DirectoryItem(source, relative));
        }

        var info = new DirectoryInfo(Path.Combine(source, relative));
        foreach (var child in info.EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var name = $"{relative}/{child.Name}";
            if (child.LinkTarget is { } target)
            {
                if (EntryPaths.CheckSymlinkTarget(target) is { } problem)
                {
                    throw new Errors.AgentException(Errors.ExitCodes.UnsafeArchive, $"cannot pack {name}: {problem} (a restore would refuse it)");
                }

                items.Add(new PackItem(name, TarEntryType.SymbolicLink, 0, child.UnixFileMode, child.LastWriteTimeUtc, target));
            }
            else if (child is DirectoryInfo)
            {
                Walk(source, name, layout, items, added);
            }
            else if (child is FileInfo file && !layout.ExcludeFromPack(file.Name))
            {
                items.Add(new PackItem(name, TarEntryType.RegularFile, file.Length, file.UnixFileMode, file.LastWriteTimeUtc, null));
            }
        }
    }

    private static PackItem DirectoryItem(string source, string relative)
    {
        var info = new DirectoryInfo(Path.Combine(source, relative));
        return new PackItem(relative, TarEntryType.Directory, 0, info.UnixFileMode, info.LastWriteTimeUtc, null);
    }
}
