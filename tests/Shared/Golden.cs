namespace ZcashInfra.Tests.Shared;

/// <summary>
/// Golden files: checked-in expected output. A test compares against the file; running the tests
/// with <c>ZCASH_INFRA_UPDATE_GOLDEN=1</c> (what scripts/update-golden.sh does) rewrites the files
/// instead, so a change's effect on each render shows up as a diff in review.
/// </summary>
internal static class Golden
{
    public const string UpdateVariable = "ZCASH_INFRA_UPDATE_GOLDEN";

    /// <summary>Asserts that <paramref name="actual"/> equals the golden file at a path relative to the repository root.</summary>
    public static void Check(string relativePath, string actual)
    {
        var file = RepoPaths.At(relativePath);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
            return;
        }

        Assert.True(File.Exists(file), $"golden file {relativePath} is missing; run scripts/update-golden.sh and review it");
        var expected = File.ReadAllText(file);
        if (expected != actual)
        {
            var line = FirstDifferentLine(expected, actual);
            Assert.Fail($"{relativePath} differs at line {line.Number}:\n  golden: {line.Expected}\n  actual: {line.Actual}\n" +
                "If the change is intended, run scripts/update-golden.sh and review the diff.");
        }
    }

    private static (int Number, string Expected, string Actual) FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end of file>";
            var y = i < b.Length ? b[i] : "<end of file>";
            if (x != y)
            {
                return (i + 1, x, y);
            }
        }

        return (0, string.Empty, string.Empty);
    }
}
