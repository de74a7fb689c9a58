namespace OrleansMaestro.Silo.Api;

/// <summary>The problem types of the API (RFC 7807 <c>type</c>), one per HTTP status it answers with.</summary>
public static class ProblemKinds
{
    public const string Base = "https://orleans-maestro.dev/problems/";

    public const string Validation = Base + "validation";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string Conflict = Base + "conflict";
    public const string TooLarge = Base + "too-large";
    public const string Unavailable = Base + "unavailable";
    public const string Internal = Base + "internal";

    /// <summary>The problem type of a response with <paramref name="status"/>.</summary>
    public static string TypeOf(int status) => status switch
    {
        400 => Validation,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => TooLarge,
        503 => Unavailable,
        >= 500 => Internal,
        _ => Base + "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A short, fixed title for <paramref name="status"/>.</summary>
    public static string TitleOf(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "An API key is required.",
        403 => "The API key may not do this.",
        404 => "Not found.",
        405 => "Method not allowed.",
        409 => "The request conflicts with the current state.",
        413 => "The request body is too large.",
        503 => "The cluster is unavailable; try again.",
        >= 500 => "An internal error occurred.",
        _ => "The request failed.",
    };
}
