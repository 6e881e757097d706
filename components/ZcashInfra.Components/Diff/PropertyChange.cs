namespace ZcashInfra.Components.Diff;

/// <summary>One property that differs between the base and the change, shown with its values.</summary>
/// <param name="Property">
/// Its path: input paths as Pulumi prints them (<c>spec.replicas</c>, <c>metadata.labels["app.kubernetes.io/name"]</c>),
/// resource options as <c>options.&lt;name&gt;</c>, a parent change as <c>parent</c>.
/// </param>
/// <param name="Before">The old value as compact JSON (secrets masked), or null when the property did not exist.</param>
/// <param name="After">The new value as compact JSON (secrets masked), or null when the property no longer exists.</param>
/// <param name="Secret">True when either value is a secret: the values shown are masks.</param>
/// <param name="Replaces">True when the provider replaces the resource for this change (see <see cref="ReplacementRules"/>).</param>
/// <param name="Ignored">True when the resource's <c>ignoreChanges</c> covers the property: Pulumi leaves it as it is.</param>
/// <param name="Effect">What the change does to running pods (see <see cref="PodEffects"/>), or null.</param>
public sealed record PropertyChange(string Property, string? Before, string? After, bool Secret = false, bool Replaces = false, bool Ignored = false, string? Effect = null);
