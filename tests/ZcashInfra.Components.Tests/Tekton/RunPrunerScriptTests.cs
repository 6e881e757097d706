using System.Runtime.Versioning;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Components.Tests.Support;

namespace ZcashInfra.Components.Tests.Tekton;

/// <summary>
/// Runs the pruner's real script with a stand-in kubectl that answers <c>get</c> from canned lines
/// (what the jsonpath template prints: group, name; oldest first) and records every call.
/// </summary>
[UnsupportedOSPlatform("windows")]
[Collection(ChildProcessCollection.Name)]
public sealed class RunPrunerScriptTests : IDisposable
{
    private readonly ScriptSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private IReadOnlyList<string> Prune(int keep, string pipelineRuns, string taskRuns)
    {
        File.WriteAllText(Path.Combine(_sandbox.Dir, "pipelineruns"), pipelineRuns);
        File.WriteAllText(Path.Combine(_sandbox.Dir, "taskruns"), taskRuns);
        _sandbox.Tool("kubectl", $$"""
            #!/bin/sh
            echo "$*" >> "{{_sandbox.Dir}}/calls"
            if [ "$1" = get ]; then cat "{{_sandbox.Dir}}/$2"; fi
            """);
        var (exit, _, error) = _sandbox.Run("#!/bin/sh\n" + RunPruner.Script, new Dictionary<string, string>
        {
            ["PRUNE_NAMESPACES"] = "zcash-ci",
            ["KEEP_RUNS"] = keep.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.True(exit == 0, error);
        return File.ReadAllLines(Path.Combine(_sandbox.Dir, "calls"));
    }

    [Fact]
    public void Keeps_the_newest_runs_of_each_pipeline_and_deletes_the_rest()
    {
        var calls = Prune(2,
            "group=zcash-node-ci a1\ngroup=zcash-node-ci a2\ngroup=snapshot-agent-image b1\ngroup=zcash-node-ci a3\ngroup=zcash-node-ci a4\n",
            string.Empty);

        Assert.Contains("delete pipelineruns -n zcash-ci --ignore-not-found a1 a2", calls);
        Assert.DoesNotContain(calls, c => c.StartsWith("delete", StringComparison.Ordinal) && c.Contains("b1", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.StartsWith("delete taskruns", StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_finished_runs_oldest_first_and_leaves_taskruns_of_pipelines_to_their_run()
    {
        var calls = Prune(1, string.Empty, "group=git-checkout t1\ngroup=git-checkout t2\n");
        var getRuns = calls.Single(c => c.StartsWith("get pipelineruns", StringComparison.Ordinal));
        Assert.Contains("-l tekton.dev/pipeline ", getRuns, StringComparison.Ordinal);
        Assert.Contains("--sort-by=.metadata.creationTimestamp", getRuns, StringComparison.Ordinal);
        Assert.Contains("?(@.status.completionTime)", getRuns, StringComparison.Ordinal);
        Assert.Contains("-l !tekton.dev/pipelineRun", calls.Single(c => c.StartsWith("get taskruns", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("delete taskruns -n zcash-ci --ignore-not-found t1", calls);
    }

    [Fact]
    public void Nothing_is_deleted_when_every_group_is_within_its_limit() =>
        Assert.DoesNotContain(Prune(5, "group=p a1\ngroup=p a2\n", "group=t t1\n"), c => c.StartsWith("delete", StringComparison.Ordinal));
}
