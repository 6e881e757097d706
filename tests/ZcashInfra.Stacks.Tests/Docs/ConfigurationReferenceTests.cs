using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Components.Validation;
using ZcashInfra.Stacks.Settings;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests.Docs;

public class ConfigurationReferenceTests
{
    private static readonly IReadOnlyList<Row> Rows = ConfigurationReference.Rows();

    [Fact]
    public void Docs_configuration_md_is_generated_from_the_current_settings() =>
        Golden.Check(ConfigurationReference.RelativePath, ConfigurationReference.Render());

    [Fact]
    public void Every_documented_key_has_a_description_and_known_defaults_are_read_from_the_declaration()
    {
        Assert.All(Rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Description), $"no description: {r.Key}"));
        Assert.Equal("*required*", Default("zcash-infra:cloud"));
        Assert.Equal("`4`", Default("zcash-infra:ciWorkers.maxWorkers"));
        Assert.Equal("`5`", Default("zcash-infra:snapshots.keepSnapshots"));
        Assert.Equal("*required*", Default("zcash-infra:nodeSets[].version"));
        var text = ConfigurationReference.Render().Split('\n');
        Assert.Contains("| `zcash-infra:ciWorkers.maxWorkers` | integer | `4` | Most workers. |", text);
    }

    [Fact]
    public void A_literal_default_agrees_with_the_default_its_XML_doc_states()
    {
        var stated = Rows.Where(r => r.Literal?.Text is not null && r.DocDefault is not null).ToList();
        Assert.NotEmpty(stated);
        Assert.All(stated, r => Assert.True(Row.Agrees(r.Literal!.Text!, r.DocDefault),
            $"{r.Key}: the record's default is '{r.Literal.Text}', its XML doc says 'Default {r.DocDefault}'"));
    }

    [Fact]
    public void Computed_defaults_show_the_XML_docs_Default_sentence_and_unset_keys_show_a_dash()
    {
        Assert.Equal("true in production, false in development", Default("zcash-infra:protectState"));
        Assert.Equal("`gcp.region` or `aws.region`", Default("zcash-infra:snapshots.location"));
        Assert.Equal("not exposed", Default("zcash-infra:tekton.webhookIngress"));
        Assert.Equal("*required* for aws", Default("zcash-infra:cluster.oidcProviderArn"));
        Assert.Equal("*required* with readWriteMany", Default("zcash-infra:tekton.cache.storageClass"));
        Assert.Equal(Row.None, Default("zcash-infra:tekton.integration.zcashdIndex"));
        Assert.Equal(Row.None, Default("zcash-infra:tekton.integration.rpcTestCommand"));
        Assert.Equal("`name: buildbot-worker, key: password`", Default("zcash-infra:ciWorkers.workerSecret"));
        Assert.Equal("see below", Default("zcash-infra:tekton.pruning"));

        // The sentence shown as the default is not repeated in the description.
        Assert.DoesNotContain("Default", Description("zcash-infra:protectState"), StringComparison.Ordinal);
        Assert.DoesNotContain("Required", Description("zcash-infra:cluster.oidcProviderArn"), StringComparison.Ordinal);
    }

    [Fact]
    public void Computed_defaults_stated_in_XML_docs_match_the_constants_the_code_applies()
    {
        Assert.Equal($"`{Namespaces.Zcash}`", Default("zcash-infra:namespace"));
        Assert.Equal($"{NodePoolArgs.DefaultGkeMaxSurge}", Default("zcash-infra:nodePools[].maxSurge"));
        Assert.StartsWith($"{NodePoolArgs.DefaultGkeMaxUnavailable} on gcp", Default("zcash-infra:nodePools[].maxUnavailable"), StringComparison.Ordinal);
        Assert.Contains($"{NodePoolArgs.DefaultEksMaxUnavailable} on aws", Default("zcash-infra:nodePools[].maxUnavailable"), StringComparison.Ordinal);
    }

    [Fact]
    public void No_description_repeats_its_own_key()
    {
        Assert.All(Rows, r =>
        {
            var name = r.Key[(r.Key.LastIndexOfAny([':', '.', ']']) + 1)..];
            Assert.False(r.Description.Contains($"`{r.Key}`", StringComparison.Ordinal) || r.Description.StartsWith($"`{name}`", StringComparison.Ordinal),
                $"{r.Key}: {r.Description}");
        });
    }

    [Fact]
    public void Descriptions_name_keys_and_values_users_write_not_the_code_behind_them()
    {
        // A <see cref> renders as `Type.Member`, which a user cannot write in a stack file.
        var types = new[] { typeof(StackSettings).Assembly, typeof(TektonComponent).Assembly }
            .SelectMany(a => a.GetExportedTypes()).Select(t => t.Name.Split('`')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(Rows, r => Assert.DoesNotContain(types, t => r.Description.Contains($"`{t}.", StringComparison.Ordinal) || r.Default.Contains($"`{t}.", StringComparison.Ordinal)));

        // The prerequisites a cluster can state are listed by hand: every id the program knows.
        Assert.All(StatedPrerequisites.Ids, id => Assert.Contains(id, Description("zcash-infra:cluster.provides"), StringComparison.Ordinal));
    }

    private static string Default(string key) => Rows.Single(r => r.Key == key).Default;

    private static string Description(string key) => Rows.Single(r => r.Key == key).Description;
}
