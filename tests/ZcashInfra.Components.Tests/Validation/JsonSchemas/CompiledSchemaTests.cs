using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation.JsonSchemas;

namespace ZcashInfra.Components.Tests.Validation.JsonSchemas;

/// <summary>Each keyword the validator implements, with a value that passes and one that fails.</summary>
public class CompiledSchemaTests
{
    private static string[] Errors(string schema, string value) =>
        [.. CompiledSchema.Parse(schema, "test").Validate(JsonNode.Parse(value)).Select(e => e.ToString())];

    [Theory]
    [InlineData("""{"type":"string"}""", "5", "#/: StringExpected")]
    [InlineData("""{"type":"integer"}""", "1.5", "#/: IntegerExpected")]
    [InlineData("""{"type":"integer"}""", "\"1\"", "#/: IntegerExpected")]
    [InlineData("""{"type":"number"}""", "\"1\"", "#/: NumberExpected")]
    [InlineData("""{"type":"boolean"}""", "\"true\"", "#/: BooleanExpected")]
    [InlineData("""{"type":"object"}""", "[]", "#/: ObjectExpected")]
    [InlineData("""{"type":"array"}""", "{}", "#/: ArrayExpected")]
    [InlineData("""{"type":"null"}""", "0", "#/: NullExpected")]
    [InlineData("""{"type":["string","null"]}""", "5", "#/: NoTypeValidates")]
    [InlineData("""{"type":["array","null"],"items":{"type":"string"}}""", "[1]", "#/: NoTypeValidates")]
    [InlineData("""{"type":"array","items":{"type":"string"}}""", "[\"a\", 1]", "#/[1]: StringExpected")]
    [InlineData("""{"type":"array","uniqueItems":true}""", "[1, 2, 1]", "#/: ItemsNotUnique")]
    [InlineData("""{"enum":["Always","Never"]}""", "\"Sometimes\"", "#/: NotInEnumeration")]
    [InlineData("""{"type":"string","format":"date-time"}""", "\"yesterday\"", "#/: DateTimeExpected")]
    [InlineData("""{"type":"string","format":"byte"}""", "\"abc\"", "#/: Base64Expected")]
    [InlineData("""{"type":"string","pattern":"^[a-z]+$"}""", "\"Abc\"", "#/: PatternMismatch")]
    [InlineData("""{"type":"string","pattern":"^[0-9]+s$"}""", "\"30s\\n\"", "#/: PatternMismatch")]
    [InlineData("""{"type":"string","minLength":2}""", "\"a\"", "#/: StringTooShort")]
    [InlineData("""{"type":"string","minLength":2}""", "\"\uD83D\uDE00\"", "#/: StringTooShort")]
    [InlineData("""{"type":"integer","minimum":1}""", "0", "#/: NumberTooSmall")]
    [InlineData("""{"type":"integer","maximum":65535}""", "65536", "#/: NumberTooBig")]
    [InlineData("""{"properties":{"a":{"type":"string"}},"required":["a"]}""", "{}", "#/a: PropertyRequired (a)")]
    [InlineData("""{"required":["b"]}""", "{}", "#/b: PropertyRequired (b)")]
    [InlineData("""{"properties":{"a":{"type":"string"}}}""", """{"a":1}""", "#/a: StringExpected (a)")]
    [InlineData("""{"properties":{"a":{}},"additionalProperties":false}""", """{"a":1,"b":2}""", "#/b: NoAdditionalPropertiesAllowed (b)")]
    [InlineData("""{"properties":{"labels":{"additionalProperties":{"type":"string"}}}}""", """{"labels":{"app.kubernetes.io/name":1}}""", "#/labels['app.kubernetes.io/name']: StringExpected")]
    [InlineData("""{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}""", """{"x-a":1}""", "#/x-a: StringExpected")]
    [InlineData("""{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}""", """{"y":"1"}""", "#/y: NoAdditionalPropertiesAllowed (y)")]
    [InlineData("""{"definitions":{"port":{"type":"integer"}},"properties":{"p":{"$ref":"#/definitions/port"}}}""", """{"p":"80"}""", "#/p: IntegerExpected (p)")]
    [InlineData("""{"type":"string","x-kubernetes-int-or-string":true}""", "true", "#/: NoTypeValidates")]
    public void A_violation_is_reported_with_its_path_and_kind(string schema, string value, string expected) =>
        Assert.Equal([expected], Errors(schema, value));

    [Theory]
    [InlineData("""{"type":["string","null"]}""", "null")]
    [InlineData("""{"type":"number"}""", "3")]
    [InlineData("""{"type":"array","items":{"type":"string"}}""", "[\"a\"]")]
    [InlineData("""{"type":"string","format":"date-time"}""", "\"2026-12-07T04:00:00Z\"")]
    [InlineData("""{"type":"string","format":"byte"}""", "\"YWJj\"")]
    [InlineData("""{"type":"string","format":"int64"}""", "\"anything\"")]
    [InlineData("""{"properties":{"a":{"type":["string","null"]}},"required":["a"]}""", """{"a":null}""")]
    [InlineData("""{"type":"string","x-kubernetes-int-or-string":true}""", "5")]
    [InlineData("""{"x-kubernetes-preserve-unknown-fields":true,"type":"object"}""", """{"any":{"thing":[1]}}""")]
    public void A_value_that_fits_passes(string schema, string value) => Assert.Empty(Errors(schema, value));

    [Theory]
    [InlineData("^a$", "^a\\z")]
    [InlineData("a$|b$", "a\\z|b\\z")]
    [InlineData("^[$]x", "^[$]x")]
    [InlineData("^\\$", "^\\$")]
    [InlineData("[]$]$", "[]$]\\z")]
    [InlineData("[^]$]$", "[^]$]\\z")]
    [InlineData("[\\]$]$", "[\\]$]\\z")]
    public void A_dollar_anchors_at_the_very_end_as_in_ecma_262_and_re2(string pattern, string expected) =>
        Assert.Equal(expected, SchemaPattern.EndAnchored(pattern));

    [Fact]
    public void A_failed_any_of_reports_every_branch_and_a_passed_one_nothing()
    {
        const string IntOrString = """{"properties":{"p":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true}}}""";
        Assert.Equal(["#/p: IntegerExpected", "#/p: StringExpected"], Errors(IntOrString, """{"p":true}"""));
        Assert.Empty(Errors(IntOrString, """{"p":"25%"}"""));
        Assert.Empty(Errors(IntOrString, """{"p":3}"""));
    }

    [Fact]
    public void A_one_of_passes_with_exactly_one_branch()
    {
        const string Schema = """{"items":{"oneOf":[{"type":"string"},{"type":"integer","minimum":0}]}}""";
        Assert.Empty(Errors(Schema, """["a", 1]"""));
        Assert.Equal(["#/[0]: StringExpected", "#/[0]: NumberTooSmall"], Errors(Schema, "[-1]"));
    }

    [Fact]
    public void Required_properties_are_reported_on_a_value_that_is_no_object_unless_null_is_allowed()
    {
        Assert.Equal(["#/: ObjectExpected", "#/a: PropertyRequired (a)"], Errors("""{"type":"object","required":["a"]}""", "\"x\""));
        Assert.Empty(Errors("""{"type":["object","null"],"required":["a"]}""", "null"));
    }

    /// <summary>A number is classed by its JSON text, as the serialised object would be read: a double 2.0 is written 2.</summary>
    [Fact]
    public void A_whole_double_is_an_integer_and_a_decimal_with_a_fraction_is_not()
    {
        var schema = CompiledSchema.Parse("""{"type":"integer"}""", "test");
        Assert.Empty(schema.Validate(JsonValue.Create(2.0)));
        Assert.Equal(SchemaErrorKind.IntegerExpected, Assert.Single(schema.Validate(JsonValue.Create(2.5m))).Kind);
    }

    [Theory]
    [InlineData("""{"maxLength":3}""", "\"maxLength\"")]
    [InlineData("""{"properties":{"a":{"allOf":[{}]}}}""", "#/properties/a/allOf")]
    [InlineData("""{"type":"string","format":"uri"}""", "\"uri\"")]
    [InlineData("""{"type":"text"}""", "\"text\"")]
    [InlineData("""{"items":[{"type":"string"}]}""", "#/items")]
    [InlineData("""{"enum":[1,2]}""", "#/enum")]
    [InlineData("""{"$ref":"other.json#/definitions/a"}""", "other.json")]
    [InlineData("""{"definitions":{"a":{}},"properties":{"p":{"$ref":"#/definitions/a","type":"string"}}}""", "beside \"$ref\"")]
    [InlineData("""{"properties":{"p":{"$ref":"#/definitions/missing"}}}""", "points to nothing")]
    public void A_schema_with_anything_unsupported_fails_to_load_naming_it(string schema, string named)
    {
        var e = Assert.Throws<InvalidDataException>(() => CompiledSchema.Parse(schema, "some/schema.json"));
        Assert.Contains("some/schema.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_gives_the_schema_of_a_part()
    {
        var schema = CompiledSchema.Parse("""{"properties":{"spec":{"properties":{"items":{"type":"array","items":{"additionalProperties":false}}}}}}""", "test");
        Assert.Equal(["#/zz: NoAdditionalPropertiesAllowed (zz)"], schema.At("/properties/spec/properties/items/items").Validate(JsonNode.Parse("""{"zz":1}""")).Select(e => e.ToString()));
        Assert.Throws<ArgumentException>(() => schema.At("/properties/status"));
    }

    [Fact]
    public void Undeclared_finds_fields_inside_items_of_a_nullable_list_where_validate_reports_only_the_list()
    {
        var schema = CompiledSchema.Parse(
            """{"properties":{"tolerations":{"type":["array","null"],"items":{"type":["object","null"],"properties":{"key":{}},"additionalProperties":false}}},"additionalProperties":false}""", "test");
        var value = JsonNode.Parse("""{"tolerations":[{"key":"a","efect":"x"}],"zz":1}""");
        Assert.Equal(["#/tolerations: NoTypeValidates (tolerations)", "#/zz: NoAdditionalPropertiesAllowed (zz)"], schema.Validate(value).Select(e => e.ToString()));
        Assert.Equal(["#/tolerations[0].efect", "#/zz"], schema.Undeclared(value));
    }
}
