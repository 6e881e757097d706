using ZcashInfra.Components.Validation;

namespace ZcashInfra.Cli;

/// <summary>
/// First-use download of the pinned schemas, as kubeconform and helm fetch theirs: every file of
/// <c>scripts/schemas.lock</c> is downloaded from its commit-pinned URL (or copied from the
/// repository for <c>repo:</c> sources) into a staging folder beside the cache, checked against
/// its SHA-256, and only then renamed into place — a failed or concurrent fetch never leaves a
/// half-filled cache. <c>--offline</c> or <c>ZCASH_INFRA_OFFLINE=1</c> forbids the download.
/// </summary>
internal static class SchemaFetch
{
    /// <summary>Forbids downloading when set to 1 or true.</summary>
    public const string OfflineVariable = "ZCASH_INFRA_OFFLINE";

    /// <summary>Replaces <see cref="GitHubRaw"/> in the locked URLs (a mirror, or a loopback server in tests).</summary>
    public const string BaseUrlVariable = "ZCASH_INFRA_SCHEMA_BASE_URL";

    private const string GitHubRaw = "https://raw.githubusercontent.com/";

    public static bool OfflineByEnvironment =>
        Environment.GetEnvironmentVariable(OfflineVariable) is "1" or "true";

    /// <summary>Downloads and installs the locked schemas into <paramref name="destination"/>; returns it.</summary>
    public static string Install(string repositoryRoot, string destination, TextWriter log)
    {
        var lockFile = SchemaLock.Read(Path.Combine(repositoryRoot, SchemaLock.RelativePath));
        var parent = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(parent);
        var staging = Directory.CreateDirectory(Path.Combine(parent, ".schemas-staging-" + Guid.NewGuid().ToString("N"))).FullName;
        var mirror = Environment.GetEnvironmentVariable(BaseUrlVariable) is { Length: > 0 } m ? m.TrimEnd('/') + "/" : null;
        log.WriteLine($"Fetching the {lockFile.Entries.Count} pinned schema files of {SchemaLock.RelativePath} into {destination} (once; --offline or {OfflineVariable}=1 to forbid)…");
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            foreach (var entry in lockFile.Entries)
            {
                var target = Path.Combine(staging, entry.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (entry.Source.StartsWith(SchemaLock.RepoPrefix, StringComparison.Ordinal))
                {
                    var committed = Path.Combine(repositoryRoot, entry.Source[SchemaLock.RepoPrefix.Length..]);
                    if (!File.Exists(committed))
                    {
                        throw new SchemaFetchException($"{entry.Path}: {committed} is missing from the repository (run scripts/update-provider-indexes.sh)");
                    }

                    File.Copy(committed, target);
                }
                else
                {
                    var url = mirror is not null && entry.Source.StartsWith(GitHubRaw, StringComparison.Ordinal)
                        ? mirror + entry.Source[GitHubRaw.Length..]
                        : entry.Source;
                    Download(http, url, target);
                }

                var digest = SchemaLock.Digest(target);
                if (digest != entry.Sha256)
                {
                    throw new SchemaFetchException($"{entry.Path}: SHA-256 {digest} does not match the locked {entry.Sha256} ({entry.Source}); nothing was installed");
                }
            }

            File.WriteAllLines(Path.Combine(staging, SchemaLock.SumsFile), lockFile.Entries.Select(e => $"{e.Sha256}  ./{e.Path}"));
            Publish(staging, destination);
            log.WriteLine($"Schemas installed in {destination} ({lockFile.Entries.Count} files, digests verified).");
            return destination;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void Download(HttpClient http, string url, string target)
    {
        try
        {
            using var response = http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                throw new SchemaFetchException($"{url}: HTTP {(int)response.StatusCode}; nothing was installed");
            }

            using var body = response.Content.ReadAsStream();
            using var file = File.Create(target);
            body.CopyTo(file);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new SchemaFetchException($"{url}: {e.Message}; nothing was installed (offline? pass --schemas DIR, or fetch on a connected machine with scripts/fetch-schemas.sh)");
        }
    }

    /// <summary>
    /// Renames the verified staging folder into place. Another process may publish at the same
    /// time: the folder already there is moved aside first, and a lost race leaves the winner's
    /// complete folder, which holds the same locked files.
    /// </summary>
    private static void Publish(string staging, string destination)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Move(staging, destination);
                return;
            }
            catch (IOException) when (Directory.Exists(destination) && attempt < 3)
            {
                var aside = destination + ".old-" + Guid.NewGuid().ToString("N")[..8];
                try
                {
                    Directory.Move(destination, aside);
                    Directory.Delete(aside, recursive: true);
                }
                catch (IOException)
                {
                    // Another process moved it first; try again.
                }
            }
        }
    }
}

/// <summary>The pinned schemas could not be fetched; the cache is left as it was.</summary>
internal sealed class SchemaFetchException(string message) : Exception(message);
