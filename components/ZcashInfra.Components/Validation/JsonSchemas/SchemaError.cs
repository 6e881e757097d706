namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>One schema violation.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Path">Where: <c>#/</c> and the property path (<c>#/spec.ports[0].port</c>).</param>
/// <param name="Property">The property whose own schema failed, when the check belongs to one.</param>
public sealed record SchemaError(SchemaErrorKind Kind, string Path, string? Property)
{
    /// <summary>The line <c>validate</c> prints: <c>path: Kind (property)</c>.</summary>
    public override string ToString() => Property is null ? $"{Path}: {Kind}" : $"{Path}: {Kind} ({Property})";
}
