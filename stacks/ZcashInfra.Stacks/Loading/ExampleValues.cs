using System.Text.RegularExpressions;

namespace ZcashInfra.Stacks.Loading;

/// <summary>
/// Placeholder values copied from documentation: a stack that still carries one would deploy
/// into someone else's (or nobody's) account. <c>validate</c> fails on them until they are
/// replaced; <c>render</c> and <c>diff</c> do not care, so an example stack still renders.
/// </summary>
public static partial class ExampleValues
{
    /// <summary>
    /// AWS account ids the AWS documentation uses as examples ("123456789012" throughout the IAM
    /// and EKS guides, "111122223333" and "444455556666" in the IAM policy examples).
    /// </summary>
    private static readonly string[] AwsExampleAccounts = ["123456789012", "111122223333", "444455556666", "777788889999"];

    /// <summary>Why a value is an example, or null when it looks real.</summary>
    public static string? Why(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var account in AwsExampleAccounts)
        {
            if (AccountId(account).IsMatch(value))
            {
                return $"{account} is an AWS documentation example account id";
            }
        }

        if (SequentialId().Match(value) is { Success: true } id)
        {
            return $"{id.Value} is a made-up example id (its digits count up)";
        }

        return value.Contains("EXAMPLE", StringComparison.Ordinal) || value.Contains("REPLACE-ME", StringComparison.OrdinalIgnoreCase)
            ? "it is marked as an example"
            : null;
    }

    // The account id as a whole value or a field of an ARN (arn:aws:iam::123456789012:…).
    private static Regex AccountId(string account) => new($"(^|:){account}($|:)", RegexOptions.CultureInvariant);

    // AWS resource ids (subnet-, vpc-, sg-, …) whose hex digits run 0a1b2c…, 0123456…, or 1a2b3c…:
    // the AWS documentation's and this repository's made-up ids, never what AWS assigns.
    [GeneratedRegex("\\b(subnet|vpc|sg|igw|rtb|eni|vol|snap|ami|i|lt|nat|eipalloc|acl)-(0?[0-9a-f]?(0a1b2c3d|1a2b3c4d|0b2c3d4e|0c3d4e5f|0123456|1234567|abcdef0)[0-9a-f]*)\\b", RegexOptions.CultureInvariant)]
    private static partial Regex SequentialId();
}
