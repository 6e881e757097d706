namespace ZcashInfra.Automation;

/// <summary>The stacks of this project, as the Pulumi Automation API sees them.</summary>
public interface IStackWorkspace
{
    /// <summary>Selects a stack, creating it when it does not exist.</summary>
    Task<IStackSession> CreateOrSelectAsync(string stackName, CancellationToken cancellationToken = default);

    /// <summary>Selects an existing stack; null when there is no stack of that name.</summary>
    Task<IStackSession?> SelectAsync(string stackName, CancellationToken cancellationToken = default);

    /// <summary>Removes a stack's (empty) state and configuration.</summary>
    Task RemoveAsync(string stackName, CancellationToken cancellationToken = default);
}

/// <summary>One selected stack.</summary>
public interface IStackSession
{
    /// <summary>The stack name.</summary>
    string Name { get; }

    /// <summary>Sets configuration values (full keys, <c>zcash-infra:…</c>).</summary>
    Task SetConfigAsync(IReadOnlyDictionary<string, ConfigSetting> values, CancellationToken cancellationToken = default);

    /// <summary>Previews an update; progress lines go to <paramref name="progress"/>.</summary>
    Task<ChangeSummary> PreviewAsync(Action<string> progress, CancellationToken cancellationToken = default);

    /// <summary>Applies the stack; returns its outputs.</summary>
    Task<IReadOnlyDictionary<string, StackOutput>> UpAsync(Action<string> progress, CancellationToken cancellationToken = default);

    /// <summary>Destroys every resource of the stack.</summary>
    Task DestroyAsync(Action<string> progress, CancellationToken cancellationToken = default);

    /// <summary>The stack's current outputs.</summary>
    Task<IReadOnlyDictionary<string, StackOutput>> GetOutputsAsync(CancellationToken cancellationToken = default);
}

/// <summary>A configuration value to set; secrets are encrypted by Pulumi.</summary>
/// <param name="Value">The value (JSON text for structured values).</param>
/// <param name="Secret">Whether to store it as a secret.</param>
public sealed record ConfigSetting(string Value, bool Secret = false)
{
    /// <inheritdoc />
    public override string ToString() => Secret ? $"{nameof(ConfigSetting)} {{ Value = [secret] }}" : $"{nameof(ConfigSetting)} {{ Value = {Value} }}";
}

/// <summary>A stack output; secret values are never printed.</summary>
/// <param name="Value">The value.</param>
/// <param name="Secret">Whether Pulumi marks it secret.</param>
public sealed record StackOutput(object? Value, bool Secret)
{
    /// <summary>The value for display: <c>[secret]</c> for secrets.</summary>
    public string Display => Secret ? "[secret]" : Value?.ToString() ?? "null";

    /// <inheritdoc />
    public override string ToString() => Display;
}

/// <summary>What a preview would do, per operation (create, update, delete, replace, same, …).</summary>
/// <param name="Operations">Count per operation name.</param>
public sealed record ChangeSummary(IReadOnlyDictionary<string, int> Operations)
{
    /// <summary>True when the preview changes nothing.</summary>
    public bool IsEmpty => Operations.Where(kv => kv.Key != "same").All(kv => kv.Value == 0);
}
