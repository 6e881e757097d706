using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// Collects every settings problem with its key path, so one run reports them all.
/// </summary>
public sealed class SettingsErrors
{
    private readonly List<string> _errors = [];

    /// <summary>The problems, each <c>zcash-infra:path: message</c>, in the order found.</summary>
    public IReadOnlyList<string> All => _errors;

    /// <summary>True when nothing was reported.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Reports a problem at a key path.</summary>
    public void Add(SettingsPath path, string message) => _errors.Add($"{path}: {message}");

    /// <summary>Reports a release's problems, each at its key below <paramref name="path"/>.</summary>
    public void Add(SettingsPath path, IEnumerable<NodeReleaseProblem> problems)
    {
        foreach (var problem in problems)
        {
            Add(path[problem.Key], problem.Message);
        }
    }

    /// <summary>Reports a problem when a condition does not hold.</summary>
    public void Require(bool condition, SettingsPath path, string message)
    {
        if (!condition)
        {
            Add(path, message);
        }
    }

    /// <summary>Reports an integer below a minimum.</summary>
    public void AtLeast(long value, long minimum, SettingsPath path) =>
        Require(value >= minimum, path, $"must be ≥ {minimum}, got {value}");

    /// <summary>Reports a missing or blank string.</summary>
    public void NotBlank(string? value, SettingsPath path) =>
        Require(!string.IsNullOrWhiteSpace(value), path, "is required");
}

/// <summary>A key path in the stack configuration, printed as Pulumi's <c>--path</c> syntax.</summary>
/// <param name="Text">The path without the namespace, e.g. <c>nodeSets[1].replicas</c>.</param>
public readonly record struct SettingsPath(string Text)
{
    /// <summary>The configuration namespace of this project.</summary>
    public const string Namespace = "zcash-infra";

    /// <summary>A property below this path.</summary>
    public SettingsPath this[string property] => new(Text.Length == 0 ? property : $"{Text}.{property}");

    /// <summary>An element of a list at this path.</summary>
    public SettingsPath this[int index] => new($"{Text}[{index}]");

    /// <summary>The path as users write it: <c>zcash-infra:nodeSets[1].replicas</c>.</summary>
    public override string ToString() => $"{Namespace}:{Text}";
}
