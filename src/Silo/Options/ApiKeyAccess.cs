namespace OrleansMaestro.Silo.Options;

/// <summary>What an API key may do.</summary>
public enum ApiKeyAccess
{
    /// <summary>Every endpoint.</summary>
    ReadWrite,

    /// <summary>GET endpoints only; anything that changes state (POST, PUT, DELETE) answers 403.</summary>
    ReadOnly,
}
