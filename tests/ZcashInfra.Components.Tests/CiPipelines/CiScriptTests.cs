using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Tests.Support;

namespace ZcashInfra.Components.Tests.CiPipelines;

/// <summary>
/// The Tasks' own scripts, run for real: with git against a local repository, with Python against
/// an index on disk, and the RPC checks against a stand-in curl that plays the node.
/// </summary>
[UnsupportedOSPlatform("windows")]
[Collection(ChildProcessCollection.Name)]
public sealed class CiScriptTests : IDisposable
{
    private readonly ScriptSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private string At(string relative)
    {
        var path = Path.Combine(_sandbox.Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "ci";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "ci@example.org";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output.Trim();
    }

    [Fact]
    public void Checkout_fetches_exactly_the_requested_commit_into_a_clean_directory()
    {
        var origin = Directory.CreateDirectory(At("origin")).FullName;
        Git(origin, "init", "-q");
        Git(origin, "config", "uploadpack.allowAnySHA1InWant", "true");
        File.WriteAllText(Path.Combine(origin, "README"), "first");
        Git(origin, "add", "README");
        Git(origin, "commit", "-q", "-m", "first");
        var wanted = Git(origin, "rev-parse", "HEAD");
        File.WriteAllText(Path.Combine(origin, "README"), "second");
        Git(origin, "commit", "-q", "-am", "second");

        var workspace = Directory.CreateDirectory(At("ws")).FullName;
        File.WriteAllText(At("ws/source/stale-file"), "from an earlier run");
        var (exit, output, error) = _sandbox.Run(CiScripts.Checkout,
            new Dictionary<string, string> { ["REPO_URL"] = "file://" + origin, ["REVISION"] = wanted },
            new Dictionary<string, string> { ["$(workspaces.source.path)"] = workspace, ["$(results.commit.path)"] = At("commit") });

        Assert.True(exit == 0, error);
        Assert.Equal(wanted, File.ReadAllText(At("commit")));
        Assert.Equal("first", File.ReadAllText(Path.Combine(workspace, "source", "README")));
        Assert.False(File.Exists(Path.Combine(workspace, "source", "stale-file")));
        Assert.Contains($"at {wanted}", output, StringComparison.Ordinal);
    }

    private (int Exit, string Error) Resolve(JsonArray index, string height, string dbMajor = "28", string implementation = "zebrad")
    {
        File.WriteAllText(At("index/snapshots.json"), index.ToJsonString());
        var (exit, _, error) = _sandbox.Run(CiScripts.Resolve,
            new Dictionary<string, string>
            {
                ["SNAPSHOT_INDEX"] = new Uri(At("index/snapshots.json")).AbsoluteUri,
                ["SNAPSHOT_HEIGHT"] = height,
                ["DB_MAJOR"] = dbMajor,
                ["IMPLEMENTATION"] = implementation,
            },
            new Dictionary<string, string>
            {
                ["$(results.archive-url.path)"] = At("results/archive-url"),
                ["$(results.sha256.path)"] = At("results/sha256"),
                ["$(results.height.path)"] = At("results/height"),
            });
        return (exit, error);
    }

    private static JsonObject Entry(long height, int dbMajor, string? sha = "ab") => new()
    {
        ["url"] = $"testnet-{height}.tar.zst",
        ["roles"] = new JsonArray(),
        ["height"] = height,
        ["db_major"] = dbMajor,
        ["sha256"] = sha is null ? null : new string(sha[0], 64),
    };

    [Fact]
    public void Resolve_takes_the_newest_compatible_snapshot_or_exactly_the_height_asked_for()
    {
        var index = new JsonArray(Entry(3_100_000, 29), Entry(3_000_000, 28), Entry(2_900_000, 28, "cd"));

        Assert.Equal(0, Resolve(index, string.Empty).Exit);
        Assert.Equal("3000000", File.ReadAllText(At("results/height")));
        Assert.EndsWith("/index/testnet-3000000.tar.zst", File.ReadAllText(At("results/archive-url")), StringComparison.Ordinal);

        Assert.Equal(0, Resolve((JsonArray)index.DeepClone(), "2900000").Exit);
        Assert.Equal("2900000", File.ReadAllText(At("results/height")));
        Assert.Equal(new string('c', 64), File.ReadAllText(At("results/sha256")));
    }

    [Fact]
    public void Resolve_refuses_a_missing_height_an_incompatible_index_and_an_entry_without_a_digest()
    {
        var (exit, error) = Resolve(new JsonArray(Entry(3_000_000, 28)), "1234");
        Assert.NotEqual(0, exit);
        Assert.Contains("no zebrad snapshot with database major 28 at height 1234", error, StringComparison.Ordinal);

        (exit, error) = Resolve(new JsonArray(Entry(3_000_000, 27)), string.Empty);
        Assert.NotEqual(0, exit);
        Assert.Contains("no zebrad snapshot with database major 28", error, StringComparison.Ordinal);

        (exit, error) = Resolve(new JsonArray(Entry(3_000_000, 28, sha: null)), string.Empty);
        Assert.NotEqual(0, exit);
        Assert.Contains("has no sha256", error, StringComparison.Ordinal);
    }

    private (int Exit, string Output, string Error) RpcChecks(long nodeHeight, long expected)
    {
        var state = Directory.CreateDirectory(At("ws/node-state")).FullName;
        File.WriteAllText(Path.Combine(state, ".cookie"), "__cookie__:s3cr3t");

        // Plays the node: answers only with the cookie's credentials, like zebrad's RPC.
        _sandbox.Tool("curl", $$"""
            #!/bin/sh
            user=""; data=""
            while [ $# -gt 0 ]; do
              case "$1" in
                --user) user="$2"; shift ;;
                --data) data="$2"; shift ;;
              esac
              shift
            done
            [ "$user" = "__cookie__:s3cr3t" ] || { echo "401" >&2; exit 22; }
            case "$data" in
              *getblockchaininfo*) echo '{"result":{"chain":"test","blocks": {{nodeHeight}}},"error":null,"id":"ci"}' ;;
              *getblockhash*) echo '{"result":"00ab","error":null,"id":"ci"}' ;;
              *getbestblockhash*) echo '{"result":"00cd","error":null,"id":"ci"}' ;;
              *) exit 22 ;;
            esac
            """);
        var result = _sandbox.Run(CiScripts.RpcChecks,
            new Dictionary<string, string> { ["STATE_SUBDIR"] = string.Empty, ["EXPECTED_HEIGHT"] = expected.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new Dictionary<string, string> { ["$(workspaces.source.path)"] = At("ws") });
        Assert.True(File.Exists(Path.Combine(state, ".start")), "the checks step releases the node");
        return result;
    }

    [Fact]
    public void Rpc_checks_pass_when_the_node_serves_the_snapshot_height() =>
        Assert.Contains("RPC checks passed: the node serves the chain at height 3000005", RpcChecks(3_000_005, 3_000_000).Output, StringComparison.Ordinal);

    [Fact]
    public void Rpc_checks_fail_when_the_node_is_below_the_snapshot_height()
    {
        var (exit, _, error) = RpcChecks(10, 3_000_000);
        Assert.NotEqual(0, exit);
        Assert.Contains("the node is at height 10, below the snapshot's 3000000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_node_script_and_the_checks_agree_on_the_rpc_port_and_the_cookie()
    {
        Assert.Contains($"listen_addr = \"127.0.0.1:{CiNames.IntegrationRpcPort}\"", CiScripts.Node, StringComparison.Ordinal);
        Assert.Contains($"-rpcport={CiNames.IntegrationRpcPort}", CiScripts.Node, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{CiNames.IntegrationRpcPort}/", CiScripts.RpcChecks, StringComparison.Ordinal);
        Assert.Contains("cookie_dir = \"$state\"", CiScripts.Node, StringComparison.Ordinal);
        Assert.DoesNotContain("@RPC_PORT@", CiScripts.Node + CiScripts.RpcChecks + CiScripts.RpcTests, StringComparison.Ordinal);
    }
}
