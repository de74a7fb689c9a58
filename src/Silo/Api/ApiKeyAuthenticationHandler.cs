using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Api;

/// <summary>
/// Authenticates a request by its API key (<c>X-Api-Key</c> or <c>Authorization: Bearer</c>) against
/// <c>Maestro:Http:Auth:ApiKeys</c>; answers 401 and 403 as problem details.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<MaestroSiloOptions> silo,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var sent = SentKey(Request);
        if (sent is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var match = Find(silo.Value.Http.Auth.ApiKeys, sent);
        if (match is null)
        {
            LogUnknownKey(Logger, Request.Method, Request.Path);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, match.Name), new Claim(ApiPolicies.AccessClaim, match.Access.ToString())],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{ApiRoutes.ApiKeyHeader}\", Bearer";
        var detail = SentKey(Request) is null
            ? $"Send an API key as '{ApiRoutes.ApiKeyHeader}: <key>' or 'Authorization: Bearer <key>'."
            : "The API key is not valid.";
        await WriteAsync(new ApiProblem(StatusCodes.Status401Unauthorized, detail));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteAsync(new ApiProblem(StatusCodes.Status403Forbidden, $"The API key '{Context.User.Identity?.Name}' is read-only; {Request.Method} {Request.Path} needs a ReadWrite key."));
    }

    private async Task WriteAsync(ApiProblem problem) =>
        await problems.WriteProblemAsync(Context, problem.ToProblemDetails(Context));

    private static string? SentKey(HttpRequest request)
    {
        if (request.Headers[ApiRoutes.ApiKeyHeader].FirstOrDefault() is { Length: > 0 } key)
        {
            return key;
        }

        return request.Headers.Authorization.FirstOrDefault() is { } authorization
            && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && authorization[BearerPrefix.Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }

    private static ApiKeySettings? Find(IReadOnlyList<ApiKeySettings> keys, string sent)
    {
        // Every key is compared in constant time, so the answer's timing says nothing about how close a guess was; the
        // SHA-256 digests are compared rather than the keys, which have different lengths (FixedTimeEquals returns at
        // once on a length mismatch, which would tell a guess the key's length).
        var sentDigest = SHA256.HashData(Encoding.UTF8.GetBytes(sent));
        ApiKeySettings? match = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)), sentDigest))
            {
                match = key;
            }
        }

        return match;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: an unknown API key was sent")]
    private static partial void LogUnknownKey(ILogger logger, string method, string path);
}
