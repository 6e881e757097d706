namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>The JSON types a schema's <c>type</c> keyword names (a set: <c>["string", "null"]</c> is two).</summary>
[Flags]
internal enum JsonTypes
{
    /// <summary>No <c>type</c> keyword: any value.</summary>
    None = 0,

    Array = 1,
    Boolean = 2,
    Integer = 4,
    Null = 8,
    Number = 16,
    Object = 32,
    String = 64,
}
