namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// Test classes that start the agent as child processes run alone, one test at a time: they race
/// agents against each other and kill them at chosen moments, and timing on two loaded cores is
/// only predictable enough when nothing else in the suite competes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChildProcessCollection
{
    public const string Name = "child processes";
}
