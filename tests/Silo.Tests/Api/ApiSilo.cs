using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>
/// One real silo process (embedded profile, its own data folder and free ports) for the API tests, ready when
/// <c>/health/ready</c> answers; <see cref="Environment"/> adds settings (e.g. API keys).
/// </summary>
public class ApiSilo : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly DataFolder _data = new();
    private SiloProcess? _silo;

    public HttpClient Http { get; private set; } = null!;

    public SiloProcess Process => _silo ?? throw new InvalidOperationException("The silo is not started.");

    protected virtual IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        // Short, so a test sees keep-alive comments while a one-second step runs.
        ["Maestro__Http__EventKeepAlive"] = "00:00:00.300",
    };

    /// <summary>
    /// Whether a short demo run first creates the demo's source table <c>raw.events</c> in the data folder (a SQL step
    /// needs a table to read; the API cannot create one by itself).
    /// </summary>
    protected virtual bool CreateDemoTables => true;

    public async Task InitializeAsync()
    {
        if (CreateDemoTables)
        {
            await SiloProcess.CreateDemoTablesAsync(_data.Path, Environment);
        }

        _silo = SiloProcess.Start(_data.Path, Environment, "--data", _data.Path);
        Http = new HttpClient { BaseAddress = _silo.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
        await _silo.WaitUntilReadyAsync(StartTimeout);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _data.Dispose();
    }

    /// <summary>A JSON body as the API reads it.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json<T>(T value) => Json(JsonSerializer.Serialize(value, ApiJson.Options));

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(ApiJson.Options) ?? throw new InvalidOperationException("null body");

    /// <summary>A request with an API key header.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? apiKey = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (apiKey is not null)
        {
            request.Headers.Add(ApiRoutes.ApiKeyHeader, apiKey);
        }

        return request;
    }

    public static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);
}
