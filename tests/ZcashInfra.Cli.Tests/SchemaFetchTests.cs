using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Compose;
using ZcashInfra.Components.Validation;
using ZcashInfra.Components.Yaml;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests;

/// <summary>
/// The newcomer's path: a clone with no ../shared beside it, `validate` run as a program. It
/// fetches the locked schemas once (here from a server on 127.0.0.1 standing in for
/// raw.githubusercontent.com, through ZCASH_INFRA_SCHEMA_BASE_URL), checks every digest, and never
/// leaves a partial cache.
/// </summary>
public sealed class SchemaFetchTests : IDisposable
{
    // What a clone needs to validate its stacks: the stack files, the lock and the committed indexes.
    private static readonly string[] Copied = ["ZcashInfra.sln", "Pulumi.yaml", "Pulumi.dev.yaml", SchemaLock.RelativePath, "schemas"];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("schema-fetch-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Clone => Path.Combine(_root.FullName, "clone");

    private string Cache => Path.Combine(_root.FullName, "cache");

    [Fact]
    public void A_clone_without_shared_schemas_fetches_them_once_and_validates()
    {
        MakeClone();
        using var server = new LockServer(tamper: null);

        var first = Validate(server, "dev");
        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains("Fetching the", first.Err, StringComparison.Ordinal);
        Assert.Contains("digests verified", first.Err, StringComparison.Ordinal);
        Assert.Contains("stack 'dev': settings valid", first.Out, StringComparison.Ordinal);
        Assert.Contains($"schemas from {Path.Combine(Cache, "zcash-infra", "schemas")}", first.Out, StringComparison.Ordinal);
        Assert.Equal(server.Urls, server.Requests);

        var second = Validate(server, "dev");
        Assert.True(second.Exit == 0, second.Err);
        Assert.DoesNotContain("Fetching", second.Err, StringComparison.Ordinal);
        Assert.Equal(server.Urls, server.Requests);

        // The rest of the quick start reads only what the first fetch brought: prod's kinds, and
        // the Compose file's schema (the tests validate every Compose render against it).
        Copy(RepoPaths.At("Pulumi.prod.yaml"), Path.Combine(Clone, "Pulumi.prod.yaml"));
        var prod = Validate(server, "prod", "--allow-example-values");
        Assert.True(prod.Exit == 0, prod.Out + prod.Err);
        var compose = Run(server, "render", "dev", "--format", "compose");
        Assert.True(compose.Exit == 0, compose.Err);
        var fetched = Path.Combine(Cache, "zcash-infra", "schemas");
        Assert.Empty(new ComposeSchema(fetched).Validate((JsonObject)YamlJson.Parse(compose.Out)!));
        Assert.Equal(server.Urls, server.Requests);
    }

    [Fact]
    public void A_file_with_the_wrong_digest_installs_nothing()
    {
        MakeClone();
        using var server = new LockServer(tamper: "statefulset-apps-v1.json");

        var run = Validate(server, "dev");

        Assert.Equal(2, run.Exit);
        Assert.Contains("kubernetes/v1.34.0-standalone-strict/statefulset-apps-v1.json: SHA-256", run.Err, StringComparison.Ordinal);
        Assert.Contains("does not match the locked", run.Err, StringComparison.Ordinal);
        Assert.Equal([], Directory.Exists(Path.Combine(Cache, "zcash-infra")) ? Directory.GetFileSystemEntries(Path.Combine(Cache, "zcash-infra")) : []);
    }

    [Fact]
    public void Offline_it_fails_with_what_to_do_and_downloads_nothing()
    {
        MakeClone();
        using var server = new LockServer(tamper: null);

        var run = Validate(server, "dev", "--offline");

        Assert.Equal(2, run.Exit);
        Assert.Contains("cannot validate offline", run.Err, StringComparison.Ordinal);
        Assert.Contains("Run once without --offline", run.Err, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    private void MakeClone()
    {
        foreach (var item in Copied)
        {
            Copy(RepoPaths.At(item), Path.Combine(Clone, item));
        }

        Assert.False(Directory.Exists(Path.Combine(_root.FullName, "shared")));
    }

    private (int Exit, string Out, string Err) Validate(LockServer server, params string[] args) => Run(server, ["validate", .. args]);

    private (int Exit, string Out, string Err) Run(LockServer server, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Clone };
        foreach (var arg in new[] { typeof(CliApp).Assembly.Location }.Concat(args).Concat(["--project-dir", Clone]))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove(SchemaLocator.EnvironmentVariable);
        info.Environment.Remove("ZCASH_INFRA_OFFLINE");
        info.Environment["XDG_CACHE_HOME"] = Cache;
        info.Environment["ZCASH_INFRA_SCHEMA_BASE_URL"] = server.BaseUrl;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(source))
        {
            File.Copy(source, target);
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            Copy(entry, Path.Combine(target, Path.GetFileName(entry)));
        }
    }

    /// <summary>Serves every locked URL's file on 127.0.0.1 from the test's own schema folder, optionally one file altered.</summary>
    private sealed class LockServer : IDisposable
    {
        private const string GitHubRaw = "https://raw.githubusercontent.com/";
        private readonly HttpListener _listener = new();
        private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
        private readonly string? _tamper;
        private int _requests;

        public LockServer(string? tamper)
        {
            _tamper = tamper;
            var folder = TestSchemas.Folder;
            foreach (var entry in SchemaLock.Read(RepoPaths.At(SchemaLock.RelativePath)).Entries.Where(e => e.Source.StartsWith(GitHubRaw, StringComparison.Ordinal)))
            {
                _files["/" + entry.Source[GitHubRaw.Length..]] = Path.Combine(folder, entry.Path);
            }

            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            BaseUrl = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(BaseUrl);
            _listener.Start();
            _ = Task.Run(Serve);
        }

        public string BaseUrl { get; }

        public int Urls => _files.Count;

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose() => _listener.Close();

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _requests);
                using var response = context.Response;
                if (!_files.TryGetValue(context.Request.Url!.AbsolutePath, out var file))
                {
                    response.StatusCode = 404;
                    continue;
                }

                var bytes = await File.ReadAllBytesAsync(file);
                if (_tamper is not null && file.EndsWith(_tamper, StringComparison.Ordinal))
                {
                    bytes[^2] ^= 0x20;
                }

                await response.OutputStream.WriteAsync(bytes);
            }
        }
    }
}
