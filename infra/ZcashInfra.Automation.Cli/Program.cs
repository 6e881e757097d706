using ZcashInfra.Automation;
using ZcashInfra.Automation.Cli;
using ZcashInfra.Cluster.Nodes;

var projectDirectory = Environment.GetEnvironmentVariable("ZCASH_INFRA_PROJECT_DIR") ?? Directory.GetCurrentDirectory();
return await AutomationCli.RunAsync(args, new PulumiStackWorkspace(projectDirectory), projectDirectory, Console.Out, Console.Error, new ClusterNodeReadiness(null, NodeWaitOptions.Default));
