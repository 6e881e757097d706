using ZcashInfra.Automation;
using ZcashInfra.Components.Tekton;

namespace ZcashInfra.Automation.Tests;

public class PulumiStackWorkspaceTests
{
    [Fact]
    public void Every_operation_runs_with_the_patch_force_the_workflows_set()
    {
        var args = PulumiStackWorkspace.ProgramArgs("dev", "/repo");

        Assert.Equal("dev", args.StackName);
        Assert.Equal("/repo", args.WorkDir);
        var (name, value) = TektonComponent.ForceApplyEnvironment;
        Assert.Equal(value, Assert.Contains(name, args.EnvironmentVariables!));
    }
}
