namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>
/// What a schema violation is. The names are those of NJsonSchema's <c>ValidationErrorKind</c>
/// (RicoSuter/NJsonSchema <c>src/NJsonSchema/Validation/ValidationErrorKind.cs</c>), which
/// <c>validate</c> printed before this validator replaced it: users, tests and goldens read them.
/// </summary>
public enum SchemaErrorKind
{
    StringExpected,
    NumberExpected,
    IntegerExpected,
    BooleanExpected,
    ObjectExpected,
    PropertyRequired,
    ArrayExpected,
    NullExpected,
    PatternMismatch,
    StringTooShort,
    NumberTooSmall,
    NumberTooBig,
    ItemsNotUnique,
    DateTimeExpected,
    NotInEnumeration,
    NoAdditionalPropertiesAllowed,
    Base64Expected,

    /// <summary>A value matches none of the types of a <c>type</c> list (the reasons are not itemised).</summary>
    NoTypeValidates,
}
