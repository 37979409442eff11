namespace Sluice.Engine.Persistence;

/// <summary>
/// The kinds of definition the REST API keeps across restarts, in the order they are restored: groups and maps first,
/// because flow keys look them up, then flows, which thresholds watch, then forwarding.
/// </summary>
public enum DefinitionKind
{
    /// <summary><c>/group/{name}/json</c>.</summary>
    Groups,

    /// <summary><c>/map/{name}/json</c>.</summary>
    Maps,

    /// <summary><c>/flow/{name}/json</c>.</summary>
    Flows,

    /// <summary><c>/threshold/{name}/json</c>.</summary>
    Thresholds,

    /// <summary><c>/forwarding/{name}/json</c>.</summary>
    Forwarding,

    /// <summary><c>/tenant/{name}/json</c>.</summary>
    Tenants,
}
