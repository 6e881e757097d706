using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Automation.Cli;

/// <summary>The command tree, separate from Program so tests run it with a mocked workspace.</summary>
public static class AutomationCli
{
    /// <summary>Parses and runs a command line; <paramref name="readiness"/> makes <c>ephemeral up</c> wait until the node is usable.</summary>
    public static async Task<int> RunAsync(string[] args, IStackWorkspace workspace, string projectDirectory, TextWriter stdout, TextWriter stderr, INodeReadiness? readiness = null)
    {
        void Progress(string line) => stderr.WriteLine(line);
        var operations = new StackOperations(workspace, projectDirectory, Progress);
        var ephemeral = new EphemeralEnvironments(workspace, Progress, readiness: readiness);

        var root = new RootCommand("Drive ZcashInfra stacks through the Pulumi Automation API (needs the pulumi CLI).");
        var stack = new Argument<string>("stack") { Description = "Stack name (Pulumi.<stack>.yaml)." };

        var preview = new Command("preview", "Preview a stack.") { stack };
        preview.SetAction(async (parse, ct) =>
        {
            var summary = await operations.PreviewAsync(parse.GetValue(stack)!, ct).ConfigureAwait(false);
            foreach (var (operation, count) in summary.Operations)
            {
                await stdout.WriteLineAsync($"{operation}: {count}").ConfigureAwait(false);
            }

            return 0;
        });

        var up = new Command("up", "Apply a stack and print its outputs.") { stack };
        up.SetAction(async (parse, ct) =>
        {
            await stdout.WriteAsync(Json(await operations.UpAsync(parse.GetValue(stack)!, ct).ConfigureAwait(false))).ConfigureAwait(false);
            return 0;
        });

        var yes = new Option<bool>("--yes") { Description = "Confirm: destroying deletes every unprotected resource of the stack." };
        var destroy = new Command("destroy", "Destroy a stack's resources.") { stack, yes };
        destroy.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(yes))
            {
                await stderr.WriteLineAsync("destroy needs --yes").ConfigureAwait(false);
                return 2;
            }

            await operations.DestroyAsync(parse.GetValue(stack)!, ct).ConfigureAwait(false);
            return 0;
        });

        var outputs = new Command("outputs", "Print a stack's outputs as JSON (secrets masked).") { stack };
        outputs.SetAction(async (parse, ct) =>
        {
            await stdout.WriteAsync(Json(await operations.OutputsAsync(parse.GetValue(stack)!, ct).ConfigureAwait(false))).ConfigureAwait(false);
            return 0;
        });

        root.Subcommands.Add(preview);
        root.Subcommands.Add(up);
        root.Subcommands.Add(destroy);
        root.Subcommands.Add(outputs);
        root.Subcommands.Add(EphemeralCommand(ephemeral, stdout));
        root.Subcommands.Add(StatusCommandLine.Create(projectDirectory, stdout));

        try
        {
            // The expected failures below get one clear line, not System.CommandLine's "Unhandled exception" dump.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or AggregateException or Stacks.Loading.InvalidSettingsException or ZcashInfra.Cluster.ClusterException or TimeoutException)
        {
            await stderr.WriteLineAsync("✗ " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static Command EphemeralCommand(EphemeralEnvironments ephemeral, TextWriter stdout)
    {
        var network = new Option<Network>("--network") { Description = "testnet or regtest.", Required = true };
        var version = new Option<string>("--version") { Description = "Node image version, e.g. 6.3.0.", Required = true };
        var implementation = new Option<NodeImplementation>("--implementation") { Description = "zebrad (default) or zcashd.", DefaultValueFactory = _ => NodeImplementation.Zebrad };
        var index = new Option<string?>("--index") { Description = "snapshots.json index to restore from." };
        var height = new Option<long?>("--height") { Description = "Snapshot height to start at (needs --index)." };
        var sha256 = new Option<string?>("--sha256") { Description = "Pinned archive digest." };
        var context = new Option<string?>("--context") { Description = "kubeconfig context." };
        var owner = new Option<string>("--owner") { Description = "Who asks (part of the stack name).", DefaultValueFactory = _ => "auto" };

        var create = new Command("up", "Create a single-node environment; prints its stack name and RPC endpoint as JSON.")
        {
            network, version, implementation, index, height, sha256, context, owner,
        };
        create.SetAction(async (parse, ct) =>
        {
            var node = await ephemeral.CreateAsync(new EphemeralNodeRequest
            {
                Release = new NodeRelease
                {
                    Network = parse.GetValue(network),
                    Implementation = parse.GetValue(implementation),
                    Version = parse.GetValue(version)!,
                },
                SnapshotIndex = parse.GetValue(index),
                Height = parse.GetValue(height),
                Sha256 = parse.GetValue(sha256),
                KubeContext = parse.GetValue(context),
                Owner = parse.GetValue(owner)!,
            }, ct).ConfigureAwait(false);
            await stdout.WriteLineAsync(new JsonObject { ["stack"] = node.StackName, ["rpcEndpoint"] = node.RpcEndpoint }.ToJsonString()).ConfigureAwait(false);
            return 0;
        });

        var stackName = new Argument<string>("stack") { Description = "The eph-… stack to tear down." };
        var destroy = new Command("down", "Destroy an ephemeral environment and remove its stack.") { stackName };
        destroy.SetAction(async (parse, ct) =>
        {
            await ephemeral.DestroyAsync(parse.GetValue(stackName)!, ct).ConfigureAwait(false);
            return 0;
        });

        return new Command("ephemeral", "Throwaway single-node environments for tests.") { create, destroy };
    }

    private static string Json(IReadOnlyDictionary<string, StackOutput> outputs)
    {
        var json = new JsonObject();
        foreach (var (name, output) in outputs)
        {
            json[name] = output.Secret ? "[secret]" : JsonSerializer.SerializeToNode(output.Value);
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
