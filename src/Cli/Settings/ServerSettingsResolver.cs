using OrleansMaestro.Cli.Errors;

namespace OrleansMaestro.Cli.Settings;

/// <summary>Resolves <see cref="ServerSettings"/>: option, then environment variable, then the default (a local embedded silo).</summary>
public static class ServerSettingsResolver
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    public static ServerSettings Resolve(string? serverOption, string? apiKeyOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var server = Blank(serverOption) ?? Blank(environment(EnvironmentVariables.Server)) ?? DefaultServer;
        var apiKey = Blank(apiKeyOption) ?? Blank(environment(EnvironmentVariables.ApiKey));
        // A bare host:port is what people type; the HTTP client needs a scheme.
        var text = server.Contains("://", StringComparison.Ordinal) ? server : "http://" + server;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            throw new CliException(ExitCodes.BadInput, $"--server: '{server}' is not an http:// or https:// address such as {DefaultServer}.");
        }

        return new ServerSettings(uri, apiKey);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
