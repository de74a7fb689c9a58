using Microsoft.AspNetCore.Builder;

namespace OrleansMaestro.Silo.Api;

/// <summary>
/// Documents an endpoint's JSON request body for the OpenAPI document. Not <c>Accepts&lt;T&gt;</c>: that makes routing
/// answer a wrong content type with an empty 415, where the API answers a 400 naming <c>Content-Type</c>.
/// </summary>
internal sealed record JsonBodyMetadata(Type Type, bool Required);

internal static class JsonBodyMetadataExtensions
{
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder, bool required = true) =>
        builder.WithMetadata(new JsonBodyMetadata(typeof(T), required));
}
