using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// Runs <see cref="HttpStep"/>: sends the request through <see cref="IHttpClientFactory"/> (client
/// <see cref="HttpStepOptions.HttpClientName"/>), then checks the status (any 2xx unless
/// <see cref="HttpStep.ExpectStatus"/> lists codes) and that the body contains <see cref="HttpStep.ExpectBodyContains"/>.
/// Outputs <c>status</c> and <c>body-tail</c>. The attempt's timeout comes from its cancellation token, not from the client.
/// </summary>
public sealed class HttpStepRunner : IStepRunner
{
    private readonly IHttpClientFactory _clients;
    private readonly HttpStepOptions _options;
    private readonly ILogger<HttpStepRunner> _logger;

    public HttpStepRunner(IHttpClientFactory clients, IOptions<HttpStepOptions> options, ILogger<HttpStepRunner> logger)
    {
        _clients = clients;
        _options = options.Value;
        _logger = logger;
    }

    public string StepType => "http";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepWork work, CancellationToken cancellationToken)
    {
        var step = work.StepAs<HttpStep>();
        if (!Uri.TryCreate(step.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new StepFailedException($"HTTP step '{step.Id}': '{step.Url}' is not an absolute http(s) URL.");
        }

        using var request = BuildRequest(step, uri);
        var client = _clients.CreateClient(HttpStepOptions.HttpClientName);
        // The attempt's token carries the step timeout; the client's own 100 s default would cut long calls short.
        client.Timeout = Timeout.InfiniteTimeSpan;

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new StepFailedException($"HTTP step '{step.Id}': {step.Method} {step.Url} failed: {e.Message}", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await ReadBodyAsync(response, cancellationToken);
            var tail = body.Length > _options.BodyTailCharacters ? body[^_options.BodyTailCharacters..] : body;
            _logger.LogInformation("Step {Work}: {Method} {Url} answered {Status}", work.Describe(), step.Method, step.Url, status);

            var expected = step.ExpectStatus.Count == 0 ? status is >= 200 and <= 299 : step.ExpectStatus.Contains(status);
            if (!expected)
            {
                var wanted = step.ExpectStatus.Count == 0 ? "2xx" : string.Join(", ", step.ExpectStatus);
                throw new StepFailedException(
                    $"HTTP step '{step.Id}': {step.Method} {step.Url} answered status {status} ({response.ReasonPhrase}); expected {wanted}. End of body:{Environment.NewLine}{tail}");
            }

            if (!string.IsNullOrEmpty(step.ExpectBodyContains) && !body.Contains(step.ExpectBodyContains, StringComparison.Ordinal))
            {
                throw new StepFailedException(
                    $"HTTP step '{step.Id}': the body of {step.Method} {step.Url} (status {status}) does not contain '{step.ExpectBodyContains}'. End of body:{Environment.NewLine}{tail}");
            }

            return new Dictionary<string, string>
            {
                ["status"] = status.ToString(CultureInfo.InvariantCulture),
                ["body-tail"] = tail,
            };
        }
    }

    private static HttpRequestMessage BuildRequest(HttpStep step, Uri uri)
    {
        var request = new HttpRequestMessage(new HttpMethod(step.Method.ToUpperInvariant()), uri);
        if (step.Body is not null)
        {
            request.Content = new StringContent(step.Body);
        }

        foreach (var (name, value) in step.Headers)
        {
            // Content headers (Content-Type, ...) live on the content, not the request; put each where HttpClient accepts it.
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                if (request.Content is null)
                {
                    throw new StepFailedException($"HTTP step '{step.Id}': header '{name}' describes a body, but the step has none.");
                }

                request.Content.Headers.Remove(name);
                if (!request.Content.Headers.TryAddWithoutValidation(name, value))
                {
                    throw new StepFailedException($"HTTP step '{step.Id}': header '{name}: {value}' is not valid.");
                }
            }
        }

        return request;
    }

    private async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var charset = response.Content.Headers.ContentType?.CharSet;
        var encoding = System.Text.Encoding.UTF8;
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                encoding = System.Text.Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset label: UTF-8 is the best guess for text APIs.
            }
        }

        using var reader = new StreamReader(stream, encoding);
        var buffer = new char[Math.Min(_options.MaxBodyCharacters, 64 * 1024)];
        var text = new System.Text.StringBuilder();
        int read;
        while (text.Length < _options.MaxBodyCharacters
               && (read = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, _options.MaxBodyCharacters - text.Length)), cancellationToken)) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }
}
