using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace OrleansMaestro.Client.Configuration;

/// <summary>Checks <see cref="MaestroClientOptions"/> at start; every failure names the setting (as its configuration path).</summary>
internal sealed class MaestroClientOptionsValidator : IValidateOptions<MaestroClientOptions>
{
    private readonly string _section;

    public MaestroClientOptionsValidator(string section)
    {
        _section = section;
    }

    public ValidateOptionsResult Validate(string? name, MaestroClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options).Select(f => $"{Setting(f.Setting)}: {f.Message}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string Setting(string setting) => string.IsNullOrEmpty(_section) ? setting : $"{_section}:{setting}";

    internal static IEnumerable<(string Setting, string Message)> Failures(MaestroClientOptions options)
    {
        if (!Enum.IsDefined(options.Transport))
        {
            yield return ("Transport", $"'{options.Transport}' is not a transport; use Http or Orleans.");
        }

        if (options.Transport == MaestroTransport.Http)
        {
            var http = options.Http;
            if (http.BaseAddress is null)
            {
                yield return ("Http:BaseAddress", "is required for the Http transport (the silo's HTTP address, e.g. http://localhost:5080).");
            }
            else if (!http.BaseAddress.IsAbsoluteUri || (http.BaseAddress.Scheme != Uri.UriSchemeHttp && http.BaseAddress.Scheme != Uri.UriSchemeHttps))
            {
                yield return ("Http:BaseAddress", $"must be an absolute http:// or https:// address, not '{http.BaseAddress}'.");
            }

            if (http.ApiKey is { } key && (key.Length == 0 || key.Any(char.IsWhiteSpace)))
            {
                yield return ("Http:ApiKey", "must not be empty or contain white space (leave it out when the silo does not check keys).");
            }

            if (http.Timeout <= TimeSpan.Zero && http.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            {
                yield return ("Http:Timeout", $"must be positive, not {http.Timeout}.");
            }
        }

        if (options.Transport == MaestroTransport.Orleans)
        {
            var orleans = options.Orleans;
            var gateways = orleans.Gateways.Count > 0;
            if (gateways && orleans.AdoNet.IsConfigured)
            {
                yield return ("Orleans:Gateways", "and Orleans:AdoNet:ConnectionString are both set; use a gateway list or ADO.NET clustering, not both.");
            }
            else if (!gateways && !orleans.AdoNet.IsConfigured)
            {
                yield return ("Orleans:Gateways", "or Orleans:AdoNet:ConnectionString is required for the Orleans transport (e.g. Gateways: [\"127.0.0.1:30000\"]).");
            }

            for (var i = 0; i < orleans.Gateways.Count; i++)
            {
                if (!TryParseGateway(orleans.Gateways[i], out _, out _))
                {
                    yield return ($"Orleans:Gateways:{i.ToString(CultureInfo.InvariantCulture)}", $"'{orleans.Gateways[i]}' is not host:port (e.g. 127.0.0.1:30000).");
                }
            }

            if (orleans.AdoNet.IsConfigured && string.IsNullOrWhiteSpace(orleans.AdoNet.Invariant))
            {
                yield return ("Orleans:AdoNet:Invariant", "is required with a connection string (Npgsql for PostgreSQL).");
            }

            if (string.IsNullOrWhiteSpace(orleans.ClusterId))
            {
                yield return ("Orleans:ClusterId", "is required (the silos' Maestro:ClusterId).");
            }

            if (orleans.ConnectTimeout < TimeSpan.Zero)
            {
                yield return ("Orleans:ConnectTimeout", $"must not be negative, not {orleans.ConnectTimeout}.");
            }

            if (string.IsNullOrWhiteSpace(orleans.ServiceId))
            {
                yield return ("Orleans:ServiceId", "is required (the silos' Maestro:ServiceId).");
            }
        }
    }

    /// <summary>Reads <c>host:port</c> (<c>[::1]:30000</c> for IPv6 literals).</summary>
    internal static bool TryParseGateway(string? text, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = text[..colon].Trim('[', ']');
        return host.Length > 0 && (IPAddress.TryParse(host, out _) || Uri.CheckHostName(host) == UriHostNameType.Dns);
    }
}
