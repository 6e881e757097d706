namespace ZcashInfra.Components.Validation;

/// <summary>
/// Finds the offline schema folder (Kubernetes, Tekton, KEDA, Prometheus Operator schemas and the
/// Pulumi provider indexes). Looked for, in order: an explicit path, <c>$ZCASH_INFRA_SCHEMAS</c>,
/// <c>../shared/schemas</c> beside the repository, and the cache that <c>validate</c> and
/// <c>scripts/fetch-schemas.sh</c> fill (<see cref="CacheFolder"/>). Beside the repository and in
/// the cache, a folder counts only when it holds every file of the repository's
/// <see cref="SchemaLock"/> with the locked digest, so a cache from an older lock is not used.
/// </summary>
public static class SchemaLocator
{
    /// <summary>The environment variable that points at a schema folder.</summary>
    public const string EnvironmentVariable = "ZCASH_INFRA_SCHEMAS";

    /// <summary>A file every complete schema folder has; its presence identifies one.</summary>
    private const string Marker = SchemaLock.SumsFile;

    /// <summary>The cache folder for fetched schemas: <c>$XDG_CACHE_HOME/zcash-infra/schemas</c> or <c>~/.cache/zcash-infra/schemas</c>.</summary>
    public static string CacheFolder => Path.Combine(CacheRoot, "schemas");

    /// <summary>This project's cache root: <c>$XDG_CACHE_HOME/zcash-infra</c> or <c>~/.cache/zcash-infra</c>.</summary>
    public static string CacheRoot => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "zcash-infra");

    /// <summary>The schema folder, or an exception that says where it looked. Never a silent pass.</summary>
    public static string Locate(string? explicitPath = null, string? startDirectory = null)
    {
        var tried = new List<string>();
        var start = startDirectory ?? Directory.GetCurrentDirectory();
        var pinned = explicitPath is null && Environment.GetEnvironmentVariable(EnvironmentVariable) is not { Length: > 0 } ? SchemaLock.ForRepository(start) : null;
        foreach (var candidate in Candidates(explicitPath, start))
        {
            tried.Add(candidate);
            if (File.Exists(Path.Combine(candidate, Marker)))
            {
                if (pinned?.MissingFrom(candidate) is { Count: > 0 } missing)
                {
                    tried[^1] += $" (lacks {missing.Count} file(s) of {SchemaLock.RelativePath}, e.g. {missing[0].Path})";
                    continue;
                }

                return Path.GetFullPath(candidate);
            }

            if (explicitPath is not null || Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 })
            {
                // An explicit choice that is wrong must not fall back to something else.
                break;
            }
        }

        throw new SchemasNotFoundException(
            "no schema folder found (looked in: " + string.Join(", ", tried) + "). " +
            $"Pass --schemas DIR, set {EnvironmentVariable}, or let validate download the pinned schemas (it does unless offline), or run scripts/fetch-schemas.sh.");
    }

    private static IEnumerable<string> Candidates(string? explicitPath, string start)
    {
        if (explicitPath is not null)
        {
            yield return explicitPath;
            yield break;
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv)
        {
            yield return fromEnv;
            yield break;
        }

        // ../shared/schemas beside the repository root, from anywhere inside the repository.
        if (SchemaLock.RepositoryRoot(start) is { } root)
        {
            yield return Path.Combine(root, "..", "shared", "schemas");
        }

        yield return CacheFolder;
    }
}

/// <summary>No schema folder could be found; validation cannot run and says so.</summary>
public sealed class SchemasNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemasNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SchemasNotFoundException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SchemasNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
