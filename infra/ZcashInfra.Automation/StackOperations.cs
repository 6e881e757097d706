using ZcashInfra.Stacks.Loading;

namespace ZcashInfra.Automation;

/// <summary>
/// Preview, up, destroy and outputs for a named stack of this project. Each first validates the
/// stack's settings offline, so a bad configuration fails in milliseconds, without the Pulumi CLI.
/// </summary>
/// <param name="workspace">The Pulumi workspace.</param>
/// <param name="projectDirectory">Where Pulumi.yaml and the stack files are.</param>
/// <param name="progress">Receives the engine's output line by line.</param>
public sealed class StackOperations(IStackWorkspace workspace, string projectDirectory, Action<string> progress)
{
    /// <summary>Previews the stack.</summary>
    public async Task<ChangeSummary> PreviewAsync(string stack, CancellationToken cancellationToken = default) =>
        await (await SelectAsync(stack, cancellationToken).ConfigureAwait(false)).PreviewAsync(progress, cancellationToken).ConfigureAwait(false);

    /// <summary>Applies the stack and returns its outputs.</summary>
    public async Task<IReadOnlyDictionary<string, StackOutput>> UpAsync(string stack, CancellationToken cancellationToken = default) =>
        await (await SelectAsync(stack, cancellationToken).ConfigureAwait(false)).UpAsync(progress, cancellationToken).ConfigureAwait(false);

    /// <summary>Destroys the stack's resources (protected ones make this fail, as they should).</summary>
    public async Task DestroyAsync(string stack, CancellationToken cancellationToken = default) =>
        await (await SelectAsync(stack, cancellationToken).ConfigureAwait(false)).DestroyAsync(progress, cancellationToken).ConfigureAwait(false);

    /// <summary>The stack's outputs.</summary>
    public async Task<IReadOnlyDictionary<string, StackOutput>> OutputsAsync(string stack, CancellationToken cancellationToken = default) =>
        await (await SelectAsync(stack, cancellationToken).ConfigureAwait(false)).GetOutputsAsync(cancellationToken).ConfigureAwait(false);

    private async Task<IStackSession> SelectAsync(string stack, CancellationToken cancellationToken)
    {
        StackConfigFile.Load(projectDirectory, stack).GetOrThrow();
        progress($"stack '{stack}': settings valid, selecting it");
        return await workspace.CreateOrSelectAsync(stack, cancellationToken).ConfigureAwait(false);
    }
}
