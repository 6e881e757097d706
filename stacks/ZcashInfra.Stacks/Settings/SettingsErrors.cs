using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// Collects every settings problem with its key path, so one run reports them all.
/// </summary>
public sealed class SettingsErrors
{
    private readonly List<string> _errors = [];
    private readonly ITaintedObjects? _tainted;
    private List<string>? _crossCheck;

    /// <summary>Collects errors of settings read without shape errors.</summary>
    public SettingsErrors()
    {
    }

    /// <summary>
    /// Collects the value errors of a best-effort reading, in which some objects stand on
    /// placeholders: errors inside those objects, and errors of cross-checks that read them,
    /// are left out (see <see cref="CrossCheck"/>).
    /// </summary>
    internal SettingsErrors(ITaintedObjects tainted)
    {
        _tainted = tainted;
    }

    /// <summary>The problems, each <c>zcash-infra:path: message</c>, in the order found.</summary>
    public IReadOnlyList<string> All => _errors;

    /// <summary>True when nothing was reported.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Reports a problem at a key path.</summary>
    public void Add(SettingsPath path, string message)
    {
        if (_tainted?.Covers(path) != true)
        {
            (_crossCheck ?? _errors).Add($"{path}: {message}");
        }
    }

    /// <summary>
    /// Runs rules that read other parts of the stack than the one they report on. In a best-effort
    /// reading their errors are kept only when they did not rest on a placeholder: the rules read
    /// no tainted element of a list other parts look up (the lists count such reads), and, when
    /// <paramref name="readsWholeStack"/>, no section outside those lists is tainted (reads of a
    /// section's fields cannot be seen, so any could have been read).
    /// </summary>
    internal void CrossCheck(bool readsWholeStack, Action rules)
    {
        if (_tainted is null || _crossCheck is not null)
        {
            rules();
            return;
        }

        var reads = _tainted.Reads;
        _crossCheck = [];
        try
        {
            rules();
            if (_tainted.Reads == reads && !(readsWholeStack && _tainted.InSections))
            {
                _errors.AddRange(_crossCheck);
            }
        }
        finally
        {
            _crossCheck = null;
        }
    }

    /// <summary>Reports a release's problems, each at its key below <paramref name="path"/>.</summary>
    public void Add(SettingsPath path, IEnumerable<ArgsProblem> problems)
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

/// <summary>Which parts of a best-effort reading of the settings stand on placeholders for values with shape errors.</summary>
internal interface ITaintedObjects
{
    /// <summary>True when a tainted object lies outside the elements of the looked-up lists.</summary>
    bool InSections { get; }

    /// <summary>How often rules have read a tainted element of a looked-up list so far.</summary>
    int Reads { get; }

    /// <summary>True when the path is, or is inside, an object that had a shape error.</summary>
    bool Covers(SettingsPath path);
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
