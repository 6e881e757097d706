using System.Collections.Immutable;
using Pulumi.Automation;
using Pulumi.Automation.Commands.Exceptions;
using ZcashInfra.Components.Tekton;

namespace ZcashInfra.Automation;

/// <summary>
/// <see cref="IStackWorkspace"/> over the Pulumi Automation API: the project's own Pulumi program
/// (Pulumi.yaml in <paramref name="projectDirectory"/>) run through the local Pulumi CLI.
/// </summary>
/// <param name="projectDirectory">The directory holding Pulumi.yaml.</param>
public sealed class PulumiStackWorkspace(string projectDirectory) : IStackWorkspace
{
    /// <inheritdoc />
    public async Task<IStackSession> CreateOrSelectAsync(string stackName, CancellationToken cancellationToken = default)
    {
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(ProgramArgs(stackName, projectDirectory), cancellationToken).ConfigureAwait(false);
        return new Session(stack);
    }

    /// <inheritdoc />
    public async Task<IStackSession?> SelectAsync(string stackName, CancellationToken cancellationToken = default)
    {
        try
        {
            var stack = await LocalWorkspace.SelectStackAsync(ProgramArgs(stackName, projectDirectory), cancellationToken).ConfigureAwait(false);
            return new Session(stack);
        }
        catch (StackNotFoundException)
        {
            // pulumi/pulumi-dotnet sdk/Pulumi.Automation/Commands/Exceptions/CommandException.cs:
            // "no stack named … found" from the CLI becomes this exception.
            return null;
        }
    }

    /// <summary>
    /// The program and the environment every operation runs with: the same
    /// <see cref="TektonComponent.ForceApplyEnvironment"/> the GitHub workflow sets,
    /// so a Tekton upgrade driven from the Automation API re-takes the feature flags the stack patches
    /// (pulumi-kubernetes <c>provider/pkg/await/await.go</c>, patch force).
    /// </summary>
    public static LocalProgramArgs ProgramArgs(string stackName, string projectDirectory)
    {
        var (name, value) = TektonComponent.ForceApplyEnvironment;
        return new LocalProgramArgs(stackName, projectDirectory)
        {
            EnvironmentVariables = new Dictionary<string, string?>(StringComparer.Ordinal) { [name] = value },
        };
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string stackName, CancellationToken cancellationToken = default)
    {
        using var workspace = await LocalWorkspace.CreateAsync(new LocalWorkspaceOptions { WorkDir = projectDirectory }, cancellationToken).ConfigureAwait(false);
        await workspace.RemoveStackAsync(stackName, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Session(WorkspaceStack stack) : IStackSession
    {
        public string Name => stack.Name;

        public Task SetConfigAsync(IReadOnlyDictionary<string, ConfigSetting> values, CancellationToken cancellationToken = default) =>
            stack.SetAllConfigAsync(values.ToDictionary(kv => kv.Key, kv => new ConfigValue(kv.Value.Value, kv.Value.Secret)), cancellationToken);

        public async Task<ChangeSummary> PreviewAsync(Action<string> progress, CancellationToken cancellationToken = default)
        {
            var result = await stack.PreviewAsync(new PreviewOptions { OnStandardOutput = progress, OnStandardError = progress, Diff = true }, cancellationToken).ConfigureAwait(false);
            return new ChangeSummary(result.ChangeSummary.ToImmutableSortedDictionary(kv => OperationName(kv.Key), kv => kv.Value, StringComparer.Ordinal));
        }

        public async Task<IReadOnlyDictionary<string, StackOutput>> UpAsync(Action<string> progress, CancellationToken cancellationToken = default)
        {
            var result = await stack.UpAsync(new UpOptions { OnStandardOutput = progress, OnStandardError = progress }, cancellationToken).ConfigureAwait(false);
            return Convert(result.Outputs);
        }

        public Task DestroyAsync(Action<string> progress, CancellationToken cancellationToken = default) =>
            stack.DestroyAsync(new DestroyOptions { OnStandardOutput = progress, OnStandardError = progress }, cancellationToken);

        public async Task<IReadOnlyDictionary<string, StackOutput>> GetOutputsAsync(CancellationToken cancellationToken = default) =>
            Convert(await stack.GetOutputsAsync(cancellationToken).ConfigureAwait(false));

        private static ImmutableSortedDictionary<string, StackOutput> Convert(IEnumerable<KeyValuePair<string, OutputValue>> outputs) =>
            outputs.ToImmutableSortedDictionary(kv => kv.Key, kv => new StackOutput(kv.Value.Value, kv.Value.IsSecret), StringComparer.Ordinal);

        private static string OperationName(OperationType operation) =>
            operation.ToString().ToLowerInvariant();
    }
}
