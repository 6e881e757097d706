using System.CommandLine;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ZcashInfra.SnapshotAgent.Benchmarks;

/// <summary>
/// <c>gen</c> (synthetic state), <c>serve</c> (loopback file server) for run.sh, and
/// <c>micro</c> (BenchmarkDotNet pipeline benchmarks).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Snapshot agent benchmark helpers (see run.sh).");

        var dir = new Option<string>("--dir") { Required = true, Description = "Where to write the state (a zebrad cache_dir)." };
        var sizeMb = new Option<long>("--size-mb") { Required = true, Description = "Total state size in MiB." };
        var gen = new Command("gen", "Write a synthetic zebrad state.") { dir, sizeMb };
        gen.SetAction(r =>
        {
            SyntheticState.Generate(r.GetValue(dir)!, r.GetValue(sizeMb) << 20);
            return 0;
        });

        var www = new Option<string>("--root") { Required = true, Description = "Directory whose files are served." };
        var port = new Option<int>("--port") { Required = true, Description = "Port on 127.0.0.1." };
        var serve = new Command("serve", "Serve a directory on 127.0.0.1 until killed.") { www, port };
        serve.SetAction((r, token) => LoopbackFileServer.RunAsync(r.GetValue(www)!, r.GetValue(port), token).ContinueWith(_ => 0, TaskScheduler.Default));

        var micro = new Command("micro", "Run the BenchmarkDotNet pipeline benchmarks.");
        micro.SetAction(_ =>
        {
            // In-process and short: the micro-benchmarks are a quick look at the CPU stages; the
            // numbers that matter come from run.sh. In-process also avoids BenchmarkDotNet
            // generating a project that would inherit this repository's warnings-as-errors.
            BenchmarkRunner.Run<PipelineBenchmarks>(DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)));
            return 0;
        });

        root.Subcommands.Add(gen);
        root.Subcommands.Add(serve);
        root.Subcommands.Add(micro);
        return root.Parse(args).Invoke();
    }
}
