using ZcashInfra.Components.Diff;

namespace ZcashInfra.Components.Tests.Diff;

public class PropertyPathTests
{
    [Theory]
    [InlineData("spec.replicas")]
    [InlineData("spec.template.spec.containers[0].image")]
    [InlineData("metadata.labels[\"app.kubernetes.io/name\"]")]
    [InlineData("items[*].name")]
    [InlineData("[\"a b\"].c")]
    public void Paths_print_the_way_they_parse(string path) => Assert.Equal(path, PropertyPath.Parse(path).ToString());

    [Fact]
    public void A_quoted_plain_key_is_the_same_as_a_dotted_one() =>
        Assert.Equal(PropertyPath.Parse("spec.replicas"), PropertyPath.Parse("spec[\"replicas\"]"));

    [Fact]
    public void Dots_inside_a_quoted_key_are_not_nesting()
    {
        var label = PropertyPath.Root.Key("metadata").Key("labels").Key("app.kubernetes.io/name");
        Assert.Equal<string>(["metadata", "labels", "app.kubernetes.io/name"], label.Keys);
        Assert.False(label.StartsWith(PropertyPath.Parse("metadata.labels.app")));
        Assert.True(label.StartsWith(PropertyPath.Parse("metadata.labels")));
    }

    [Fact]
    public void A_wildcard_matches_any_index_but_not_a_key()
    {
        var pattern = PropertyPath.Parse("spec.containers[*].image");
        Assert.True(PropertyPath.Parse("spec.containers[3].image").StartsWith(pattern));
        Assert.False(PropertyPath.Parse("spec.containers.x.image").StartsWith(pattern));
    }

    [Theory]
    [InlineData("spec..replicas")]
    [InlineData("spec[0")]
    [InlineData("spec.replicas]")]
    public void Malformed_paths_are_refused(string path) => Assert.Throws<FormatException>(() => PropertyPath.Parse(path));
}
