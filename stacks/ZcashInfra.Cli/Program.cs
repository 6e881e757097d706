namespace ZcashInfra.Cli;

/// <summary>Entry point: <c>dotnet run --project stacks/ZcashInfra.Cli -- &lt;command&gt; …</c>.</summary>
public static class Program
{
    /// <summary>Runs the CLI against the real console.</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
