using System.CommandLine;
using ZcashInfra.Cluster.Status;

namespace ZcashInfra.Automation.Cli;

/// <summary><c>status &lt;stack&gt;</c>: is the deployed environment healthy? Exit 0 when it is, 3 when it is not.</summary>
internal static class StatusCommandLine
{
    /// <summary>Exit code of a report that is not healthy (1 stays "could not read it").</summary>
    public const int NotHealthy = 3;

    public static Command Create(string projectDirectory, TextWriter stdout)
    {
        var stack = new Argument<string>("stack") { Description = "Stack name (Pulumi.<stack>.yaml)." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig file (default KUBECONFIG or ~/.kube/config)." };
        var context = new Option<string?>("--context") { Description = "kubeconfig context (default the stack's cluster.context, or its cloud's)." };
        var command = new Command("status", "Pods, restores, tips against the network tip, newest bucket and volume snapshots, CI workers of a deployed stack.") { stack, kubeconfig, context };
        command.SetAction(async (parse, ct) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            var report = await new StackStatus(projectDirectory, parse.GetValue(kubeconfig), parse.GetValue(context)).ReadAsync(parse.GetValue(stack)!, http, ct).ConfigureAwait(false);
            await stdout.WriteAsync(StatusText.Render(report)).ConfigureAwait(false);
            return report.Healthy ? 0 : NotHealthy;
        });
        return command;
    }
}
