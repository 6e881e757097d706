namespace ZcashInfra.SnapshotAgent.Extraction;

/// <summary>
/// The path rules for archive entries. An entry name must be relative and may not climb
/// (<c>..</c>); a symbolic link's target must be relative and may not climb either. With both
/// rules every path the extractor touches, through any chain of links, stays below the target:
/// a link can only point further down from where it sits.
/// </summary>
public static class EntryPaths
{
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

            segments.Add(segment);
        }

        return string.Join('/', segments);
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

        return target.Split('/').Any(s => s == "..") ? $"link target climbs out with '..' ({target})" : null;
    }
}
