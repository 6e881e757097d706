using System.CommandLine;

namespace ZcashInfra.Cli;

/// <summary>Arguments and options more than one command takes.</summary>
internal static class CommonOptions
{
    public static Argument<string> Stack() => new("stack") { Description = "Stack name: reads Pulumi.<stack>.yaml." };

    public static Option<DirectoryInfo> ProjectDirectory() => new("--project-dir")
    {
        Description = "Directory holding Pulumi.yaml and the Pulumi.<stack>.yaml files.",
        DefaultValueFactory = _ => new DirectoryInfo(Directory.GetCurrentDirectory()),
    };

    public static Option<DirectoryInfo?> Schemas() => new("--schemas")
    {
        Description = $"Schema folder (default: ${Components.Validation.SchemaLocator.EnvironmentVariable}, ../shared/schemas beside the repository, or the fetch-schemas.sh cache).",
    };
}
