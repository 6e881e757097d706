namespace ZcashInfra.SnapshotAgent.Extraction;

/// <summary>
/// The path rules for archive entries. An entry name must be relative and may not climb
/// (<c>..</c>); a symbolic link's target must be relative and may not climb either. With both
/// rules every path the extractor touches, through any chain of links, stays below the target:
/// a link can only point further down from where it sits.
/// <para>
/// Names must also fit the target filesystem, and verify (which has no target) must refuse
/// exactly what restore cannot write: a path component is at most <see cref="MaxComponentBytes"/>
/// bytes of UTF-8 (Linux NAME_MAX, the limit of ext4, xfs and most others) and a whole entry path
/// at most <see cref="MaxPathBytes"/>: PATH_MAX (4,096 with its NUL) less
/// <see cref="ReservedPrefixBytes"/> for the target directory and the agent's staging prefix, which
/// restore checks for its target before it starts.
/// </para>
/// </summary>
public static class EntryPaths
{
    /// <summary>Linux NAME_MAX: bytes in one path component.</summary>
    public const int MaxComponentBytes = 255;

    /// <summary>Linux PATH_MAX, including the terminating NUL.</summary>
    public const int PathMaxBytes = 4096;

    /// <summary>Bytes of an absolute path kept for the target and the staging prefix (<c>&lt;target&gt;/.snapshot-restore/staging/</c>).</summary>
    public const int ReservedPrefixBytes = 1024;

    /// <summary>Bytes in an entry's path (and a link's target) relative to the target.</summary>
    public const int MaxPathBytes = PathMaxBytes - ReservedPrefixBytes;

    /// <summary>
    /// The entry's path as segments joined by '/', without '.' or empty segments; "" for the
    /// archive root (<c>./</c>). Null with a reason when the name is unsafe.
    /// </summary>
    public static string? Normalize(string name, out string? reason)
    {
        reason = null;
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            reason = "name contains a NUL byte";
            return null;
        }

        if (name.StartsWith('/'))
        {
            reason = "absolute path";
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                reason = "path climbs out with '..'";
                return null;
            }

            if (TooLong(segment, MaxComponentBytes) is { } bytes)
            {
                reason = $"name too long: a path component of {bytes} bytes (the filesystem allows {MaxComponentBytes}, NAME_MAX)";
                return null;
            }

            segments.Add(segment);
        }

        var path = string.Join('/', segments);
        if (TooLong(path, MaxPathBytes) is { } total)
        {
            reason = $"path too long: {total} bytes (at most {MaxPathBytes}: PATH_MAX {PathMaxBytes} less {ReservedPrefixBytes} for the target directory)";
            return null;
        }

        return path;
    }

    /// <summary>Null when a symbolic link target is safe (relative, never '..'); otherwise the reason.</summary>
    public static string? CheckSymlinkTarget(string target)
    {
        if (target.Length == 0)
        {
            return "empty link target";
        }

        if (target.StartsWith('/'))
        {
            return $"link points to an absolute path ({target})";
        }

        if (target.Split('/').Any(s => s == ".."))
        {
            return $"link target climbs out with '..' ({target})";
        }

        if (target.Split('/').Select(s => TooLong(s, MaxComponentBytes)).FirstOrDefault(b => b is not null) is { } bytes)
        {
            return $"link target has a path component of {bytes} bytes (the filesystem allows {MaxComponentBytes}, NAME_MAX)";
        }

        return TooLong(target, MaxPathBytes) is { } total ? $"link target too long: {total} bytes (at most {MaxPathBytes})" : null;
    }

    /// <summary>The UTF-8 length of <paramref name="text"/> when it exceeds <paramref name="limit"/>; null when it fits.</summary>
    private static int? TooLong(string text, int limit)
    {
        // A char is at most 3 bytes of UTF-8 (a surrogate pair, 2 chars, is 4): skip counting short names.
        if (text.Length * 3 <= limit)
        {
            return null;
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return bytes > limit ? bytes : null;
    }
}
