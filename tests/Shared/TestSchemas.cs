using ZcashInfra.Components.Validation;

namespace ZcashInfra.Tests.Shared;

/// <summary>The offline schema folder for tests: a missing folder fails the run, it never skips.</summary>
internal static class TestSchemas
{
    public static string Folder => SchemaLocator.Locate(startDirectory: RepoPaths.Root);

    public static GraphValidator Validator => new(Folder);
}
