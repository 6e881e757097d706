namespace ZcashInfra.Components.Tests.Support;

/// <summary>
/// Test classes that start child processes run alone: a fork in one test can briefly hold a file
/// another test has just written, and exec'ing that file (a stand-in tool on PATH) then fails with
/// "Text file busy".
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChildProcessCollection
{
    public const string Name = "child processes";
}
