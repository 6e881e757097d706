using ZcashInfra.Automation;
using ZcashInfra.Automation.Cli;

var projectDirectory = Environment.GetEnvironmentVariable("ZCASH_INFRA_PROJECT_DIR") ?? Directory.GetCurrentDirectory();
return await AutomationCli.RunAsync(args, new PulumiStackWorkspace(projectDirectory), projectDirectory, Console.Out, Console.Error);
