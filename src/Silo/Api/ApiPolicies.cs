namespace OrleansMaestro.Silo.Api;

/// <summary>The authorization policies of the API: GET endpoints need <see cref="Read"/>, the others <see cref="Write"/>.</summary>
public static class ApiPolicies
{
    /// <summary>Any valid key (read-only or read-write).</summary>
    public const string Read = "read";

    /// <summary>A read-write key.</summary>
    public const string Write = "write";

    /// <summary>The claim that carries a key's <see cref="Options.ApiKeyAccess"/>.</summary>
    public const string AccessClaim = "maestro:access";
}
