namespace OrleansMaestro.Client.Configuration;

/// <summary>How the client reaches the cluster.</summary>
public enum MaestroTransport
{
    /// <summary>The silo's HTTP API (<see cref="MaestroClientOptions.Http"/>): works from anywhere the API is reachable; sends the API key.</summary>
    Http,

    /// <summary>An Orleans cluster client (<see cref="MaestroClientOptions.Orleans"/>): calls the grains directly through a silo's gateway port.</summary>
    Orleans,
}

/// <summary>
/// Settings of <c>services.AddMaestroClient(...)</c>, e.g. the section <c>Maestro:Client</c> of appsettings.json.
/// Checked when the host starts; a wrong or missing setting stops it with a message naming the setting.
/// </summary>
public sealed record MaestroClientOptions
{
    /// <summary>The conventional configuration section (any section can be passed to <c>AddMaestroClient</c>).</summary>
    public const string Section = "Maestro:Client";

    /// <summary>Which transport <see cref="IMaestroClient"/> uses (default <see cref="MaestroTransport.Http"/>).</summary>
    public MaestroTransport Transport { get; set; } = MaestroTransport.Http;

    /// <summary>Settings of the HTTP transport.</summary>
    public MaestroHttpClientOptions Http { get; set; } = new();

    /// <summary>Settings of the Orleans transport.</summary>
    public MaestroOrleansClientOptions Orleans { get; set; } = new();
}

/// <summary>The HTTP transport (section <c>Http</c>).</summary>
public sealed record MaestroHttpClientOptions
{
    /// <summary>The silo's HTTP address, e.g. <c>http://localhost:5080</c>. Required for the HTTP transport.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The API key sent as <c>X-Api-Key</c>; null when the silo does not check keys (the embedded profile's default).</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one request may take (watching a run is not bound by it once its stream is open).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The Orleans transport (section <c>Orleans</c>): a gateway list, or ADO.NET clustering on the silos' database.</summary>
public sealed record MaestroOrleansClientOptions
{
    /// <summary>
    /// Static clustering: the silos' gateway endpoints as <c>host:port</c> (e.g. <c>127.0.0.1:30000</c>, the silo's
    /// <c>Maestro:GatewayPort</c>). Either this or <see cref="AdoNet"/>.
    /// </summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>ADO.NET clustering: the gateways are read from the cluster's membership table (the cluster profile).</summary>
    public MaestroAdoNetClusteringOptions AdoNet { get; set; } = new();

    /// <summary>The cluster's <c>Maestro:ClusterId</c>.</summary>
    public string ClusterId { get; set; } = "maestro";

    /// <summary>The cluster's <c>Maestro:ServiceId</c>.</summary>
    public string ServiceId { get; set; } = "maestro";

    /// <summary>
    /// How long the client keeps trying to connect when the host starts (a cluster may still be starting); after it the
    /// host's start fails with Orleans' error (e.g. no gateway found).
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>ADO.NET clustering (section <c>Orleans:AdoNet</c>).</summary>
public sealed record MaestroAdoNetClusteringOptions
{
    /// <summary>The database holding the membership table (the silos' <c>Maestro:Cluster:ConnectionString</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The ADO.NET provider; <c>Npgsql</c> (PostgreSQL) is the one the silos use and the one this package brings.</summary>
    public string Invariant { get; set; } = "Npgsql";

    /// <summary>Whether ADO.NET clustering is configured (a connection string is set).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);
}
