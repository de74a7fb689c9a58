using Microsoft.Extensions.Options;

namespace OrleansMaestro.Silo.Options;

/// <summary>Rejects settings the silo cannot start with; every message names the configuration key to fix.</summary>
public sealed class MaestroSiloOptionsValidator : IValidateOptions<MaestroSiloOptions>
{
    private const string S = MaestroSiloOptions.Section;

    public ValidateOptionsResult Validate(string? name, MaestroSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add($"{S}:DataDirectory must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            errors.Add($"{S}:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add($"{S}:ServiceId must not be empty.");
        }

        CheckPort(errors, "SiloPort", options.SiloPort);
        CheckPort(errors, "GatewayPort", options.GatewayPort);
        CheckPort(errors, "Http:Port", options.Http.Port);
        if (options.Http.Address is { } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            errors.Add($"{S}:Http:Address '{address}' is not an IP address.");
        }

        if (options.SiloPort == options.GatewayPort)
        {
            errors.Add($"{S}:SiloPort and {S}:GatewayPort must differ (both are {options.SiloPort}).");
        }

        if (options.Http.Port == options.SiloPort || options.Http.Port == options.GatewayPort)
        {
            errors.Add($"{S}:Http:Port must differ from {S}:SiloPort and {S}:GatewayPort (it is {options.Http.Port}).");
        }

        if (string.IsNullOrWhiteSpace(options.Catalog.Name))
        {
            errors.Add($"{S}:Catalog:Name must not be empty.");
        }

        // The cluster profile's catalog defaults to the cluster's own database.
        if (options.Profile == SiloProfile.Embedded && options.Catalog.Kind == CatalogKind.Postgres && string.IsNullOrWhiteSpace(options.Catalog.Connection))
        {
            errors.Add($"{S}:Catalog:Connection must be a PostgreSQL connection string when {S}:Catalog:Kind is Postgres.");
        }

        if (options.Warehouse is { } warehouse && SiloPaths.IsS3(warehouse) && warehouse[(warehouse.IndexOf("://", StringComparison.Ordinal) + 3)..].Trim('/').Length == 0)
        {
            errors.Add($"{S}:Warehouse '{options.Warehouse}' names no bucket; expected s3://bucket/prefix.");
        }

        if (options.S3.Endpoint is { } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{S}:S3:Endpoint '{endpoint}' is not an http:// or https:// URL.");
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{S}:ShutdownTimeout must be a positive duration (got {options.ShutdownTimeout}).");
        }

        HttpAuthValidation.Check(options, errors);
        if (options.Profile == SiloProfile.Cluster)
        {
            ClusterProfileValidation.Check(options, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckPort(List<string> errors, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{S}:{key} must be between 1 and 65535 (got {port}).");
        }
    }
}
