using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks.Loading;

/// <summary>The outcome of reading a stack's settings: the settings, or every problem found.</summary>
/// <param name="Stack">The stack name.</param>
/// <param name="Settings">The settings when there were no errors.</param>
/// <param name="Errors">Each problem as <c>zcash-infra:path: message</c>.</param>
public sealed record SettingsResult(string Stack, StackSettings? Settings, IReadOnlyList<string> Errors)
{
    /// <summary>
    /// The errors as a user reads them: read from a stack file, each starts with the file name and,
    /// where the key is in the file, its line (<c>Pulumi.prod.yaml:12: zcash-infra:…</c>).
    /// </summary>
    public IReadOnlyList<string> LocatedErrors
    {
        get => _located ?? Errors;
        init => _located = value;
    }

    private readonly IReadOnlyList<string>? _located;

    /// <summary>True when the settings are usable.</summary>
    public bool IsValid => Settings is not null && Errors.Count == 0;

    /// <summary>The settings, or an exception listing every problem.</summary>
    public StackSettings GetOrThrow() =>
        IsValid ? Settings! : throw new InvalidSettingsException(Stack, Errors);
}

/// <summary>Thrown when a stack's settings are invalid; the message lists every problem.</summary>
public sealed class InvalidSettingsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidSettingsException(string stack, IReadOnlyList<string> errors)
        : base($"stack '{stack}' has {errors.Count} configuration problem(s):\n  " + string.Join("\n  ", errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception.</summary>
    public InvalidSettingsException()
    {
        Errors = [];
    }

    /// <summary>Creates the exception.</summary>
    public InvalidSettingsException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception.</summary>
    public InvalidSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Each problem as <c>zcash-infra:path: message</c>.</summary>
    public IReadOnlyList<string> Errors { get; }
}
