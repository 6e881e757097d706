using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests.Docs;

public class ConfigurationReferenceTests
{
    [Fact]
    public void Docs_configuration_md_is_generated_from_the_current_settings() =>
        Golden.Check(ConfigurationReference.RelativePath, ConfigurationReference.Render());

    [Fact]
    public void Every_documented_key_has_a_description_and_known_defaults_are_read_from_the_declaration()
    {
        var rows = ConfigurationReference.Render().Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.All(rows, r => Assert.False(r.EndsWith("|  |", StringComparison.Ordinal), $"no description: {r}"));
        Assert.Contains(rows, r => r.StartsWith("| `zcash-infra:cloud` | gcp \\| aws \\| existing | *required* |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("| `zcash-infra:ciWorkers.maxWorkers` | integer | `4` |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("| `zcash-infra:snapshots.keepSnapshots` | integer | `5` |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("| `zcash-infra:nodeSets[].version` | string |", StringComparison.Ordinal));
    }
}
