using System.Collections.Immutable;

namespace ZcashInfra.Components.Diff;

/// <summary>Everything one <c>diff</c> run reports: which two states were compared and each stack's difference.</summary>
/// <param name="BaseLabel">What the base is (a git ref and commit, or a file name).</param>
/// <param name="ChangeLabel">What the change is (the working tree, or a file name).</param>
/// <param name="Stacks">One diff per stack, in the order asked for.</param>
public sealed record DiffReport(string BaseLabel, string ChangeLabel, ImmutableArray<StackDiff> Stacks)
{
    /// <summary>Every replacement across stacks, in stack order then graph order.</summary>
    public IEnumerable<(string Stack, ResourceChange Change)> Replacements =>
        Stacks.SelectMany(s => s.Replacements.Select(c => (s.Stack, c)));

    /// <summary>Secrets present on both sides whose change could not be seen.</summary>
    public int UncomparedSecrets => Stacks.Sum(s => s.UncomparedSecrets);

    /// <summary>The note shown when secret changes could not be seen, or null.</summary>
    public string? SecretNote => UncomparedSecrets == 0 ? null
        : $"{UncomparedSecrets} secret input(s) could not be compared: a rendered file shows secrets only as [secret], " +
          "so a changed secret value is not visible here (pulumi preview shows it).";

    /// <summary>One line of counts for a stack.</summary>
    public static string Counts(StackDiff stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var state = (stack.BeforeExists, stack.AfterExists) switch
        {
            (false, true) => " (new stack: not in the base)",
            (true, false) => " (stack deleted: its configuration is gone)",
            _ => string.Empty,
        };
        if (!stack.HasChanges)
        {
            return $"no changes ({stack.Count(ChangeKind.Unchanged)} unchanged){state}";
        }

        return $"{stack.Count(ChangeKind.Added)} to add, {stack.Count(ChangeKind.Changed)} to change, " +
               $"{stack.Count(ChangeKind.Replaced)} to replace (predicted), {stack.Count(ChangeKind.Moved)} moved (replaced), " +
               $"{stack.Count(ChangeKind.Removed)} to delete, {stack.Count(ChangeKind.Unchanged)} unchanged{state}";
    }

    /// <summary>Pulumi's plan symbol for a change.</summary>
    public static string Symbol(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "+",
        ChangeKind.Removed => "-",
        ChangeKind.Changed => "~",
        ChangeKind.Replaced or ChangeKind.Moved => "+-",
        _ => " ",
    };

    /// <summary>Why a replacement happens, in one line.</summary>
    public static string Reasons(ResourceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return string.Join("; ", change.ReplaceReasons);
    }
}
