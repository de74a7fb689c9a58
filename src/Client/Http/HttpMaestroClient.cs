using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Client.Http;

/// <summary>
/// <see cref="IMaestroClient"/> over the silo's HTTP API (routes of <see cref="ApiRoutes"/>, JSON of <see cref="ApiJson"/>).
/// The <see cref="HttpClient"/> must have its <see cref="HttpClient.BaseAddress"/> set and, when the silo checks keys,
/// the <c>X-Api-Key</c> header (<see cref="MaestroClient.CreateHttp"/> and <c>AddMaestroClient</c> do both).
/// Error responses become <see cref="MaestroException"/>s; a silo that cannot be reached, <see cref="MaestroUnavailableException"/>.
/// </summary>
public sealed partial class HttpMaestroClient : IMaestroClient
{
    private readonly HttpClient _http;

    /// <summary>A client sending its requests through <paramref name="httpClient"/> (which it does not dispose).</summary>
    public HttpMaestroClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the silo's HTTP address, e.g. http://localhost:5080/.", nameof(httpClient));
        }

        _http = httpClient;
    }

    /// <summary>Points <paramref name="httpClient"/> at <paramref name="server"/> and makes it send <paramref name="apiKey"/>.</summary>
    internal static void Configure(HttpClient httpClient, Uri server, string? apiKey, TimeSpan? timeout)
    {
        // Relative request paths replace the last segment of a base address without a trailing slash.
        httpClient.BaseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        if (!string.IsNullOrEmpty(apiKey))
        {
            httpClient.DefaultRequestHeaders.Remove(ApiRoutes.ApiKeyHeader);
            httpClient.DefaultRequestHeaders.Add(ApiRoutes.ApiKeyHeader, apiKey);
        }

        if (timeout is { } value)
        {
            httpClient.Timeout = value;
        }
    }

    /// <inheritdoc />
    public async Task<int> ApplyWorkflowAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var created = await SendAsync<WorkflowVersionCreated>(HttpMethod.Post, ApiPaths.Fill(ApiRoutes.Workflows), DefinitionContent(definition), cancellationToken);
        return created.Version;
    }

    /// <inheritdoc />
    public async Task ValidateWorkflowAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var response = await SendAsync(HttpMethod.Post, ApiPaths.Fill(ApiRoutes.ValidateWorkflow), DefinitionContent(definition), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkflowSummary>> ListWorkflowsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<WorkflowSummary>>(ApiPaths.Fill(ApiRoutes.Workflows), cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowInfo> GetWorkflowAsync(string workflowId, CancellationToken cancellationToken = default) =>
        GetAsync<WorkflowInfo>(ApiPaths.Workflow(Required(workflowId)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkflowVersionInfo>> ListWorkflowVersionsAsync(string workflowId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<WorkflowVersionInfo>>(ApiPaths.WorkflowVersions(Required(workflowId)), cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowDefinition> GetWorkflowVersionAsync(string workflowId, int version, CancellationToken cancellationToken = default) =>
        GetAsync<WorkflowDefinition>(ApiPaths.WorkflowVersion(Required(workflowId), version), cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowInfo> ActivateWorkflowVersionAsync(string workflowId, int version, CancellationToken cancellationToken = default) =>
        SendAsync<WorkflowInfo>(HttpMethod.Post, ApiPaths.ActivateWorkflowVersion(Required(workflowId), version), null, cancellationToken);

    /// <inheritdoc />
    public async Task DeleteWorkflowAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, ApiPaths.Workflow(Required(workflowId)), null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunReference> StartRunAsync(string workflowId, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default) =>
        SendAsync<RunReference>(HttpMethod.Post, ApiPaths.WorkflowRuns(Required(workflowId)),
            Json(new StartRunRequest { Parameters = parameters ?? new Dictionary<string, string>() }), cancellationToken);

    /// <inheritdoc />
    public Task<RunReference> BackfillAsync(string workflowId, IReadOnlyList<SnapshotRange> sources, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return SendAsync<RunReference>(HttpMethod.Post, ApiPaths.Backfills(Required(workflowId)),
            Json(new BackfillRequest { Sources = sources, Parameters = parameters ?? new Dictionary<string, string>() }), cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunInfo> GetRunAsync(RunReference run, CancellationToken cancellationToken = default) =>
        GetAsync<RunInfo>(ApiPaths.Run(run), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunInfo>> ListRunsAsync(RunQuery? query = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<RunInfo>>(ApiPaths.Runs(query), cancellationToken);

    /// <inheritdoc />
    public Task<RunInfo> StopRunAsync(RunReference run, CancellationToken cancellationToken = default) =>
        SendAsync<RunInfo>(HttpMethod.Post, ApiPaths.StopRun(run), null, cancellationToken);

    /// <inheritdoc />
    public Task<RunInfo> RestartRunAsync(RunReference run, CancellationToken cancellationToken = default) =>
        SendAsync<RunInfo>(HttpMethod.Post, ApiPaths.RestartRun(run), null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TableSummary>> ListTablesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<TableSummary>>(ApiPaths.Fill(ApiRoutes.Tables), cancellationToken);

    /// <inheritdoc />
    public Task<TableDetails> GetTableAsync(string table, CancellationToken cancellationToken = default) =>
        GetAsync<TableDetails>(ApiPaths.Table(Required(table)), cancellationToken);

    /// <inheritdoc />
    public Task<TableSummary> RefreshTableAsync(string table, CancellationToken cancellationToken = default) =>
        SendAsync<TableSummary>(HttpMethod.Post, ApiPaths.RefreshTable(Required(table)), null, cancellationToken);

    /// <inheritdoc />
    public Task<LineageGraph> GetLineageAsync(string? table = null, CancellationToken cancellationToken = default) =>
        GetAsync<LineageGraph>(ApiPaths.Lineage(table), cancellationToken);

    /// <inheritdoc />
    public Task<SignalAccepted> SignalAsync(string signal, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default) =>
        SendAsync<SignalAccepted>(HttpMethod.Post, ApiPaths.Signal(Required(signal)),
            Json(new SignalRequest { Parameters = parameters ?? new Dictionary<string, string>() }), cancellationToken);

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, content, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        headers?.Invoke(request.Headers);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout, not the caller's token.
            throw new MaestroUnavailableException($"The OrleansMaestro API at {_http.BaseAddress} did not answer {method} {path} within {_http.Timeout}.", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ProblemResponses.ToExceptionAsync(response, cancellationToken);
            }
        }

        return response;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken)
                ?? throw new MaestroException($"The API answered {response.RequestMessage?.RequestUri?.AbsolutePath} with an empty body.", (int)response.StatusCode);
        }
        catch (JsonException e)
        {
            throw new MaestroException($"The API's answer to {response.RequestMessage?.RequestUri?.AbsolutePath} is not the expected JSON: {e.Message}", (int)response.StatusCode, e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new MaestroUnavailableException($"The connection broke while reading the API's answer: {e.Message}", e);
        }
    }

    private MaestroUnavailableException Unreachable(Exception e) =>
        new($"The OrleansMaestro API at {_http.BaseAddress} could not be reached: {e.Message}", e);

    /// <summary>Definitions go in their file format (what <c>maestro workflow apply</c> sends), which the silo parses.</summary>
    private static StringContent DefinitionContent(WorkflowDefinition definition) =>
        new(WorkflowDefinitionJson.ToJson(definition), Encoding.UTF8, "application/json");

    private static JsonContent Json<T>(T value) => JsonContent.Create(value, options: ApiJson.Options);

    private static string Required(string value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }
}
