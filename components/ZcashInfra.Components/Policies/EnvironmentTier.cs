namespace ZcashInfra.Components.Policies;

/// <summary>How much a stack's state matters; policies are stricter for production.</summary>
public enum EnvironmentTier
{
    /// <summary>Free to tear down and rebuild.</summary>
    Development,

    /// <summary>Holds state that must survive mistakes: protected, retained, replicated.</summary>
    Production,
}
