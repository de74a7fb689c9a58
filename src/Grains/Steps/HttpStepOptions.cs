namespace OrleansMaestro.Grains.Steps;

/// <summary>Settings of <see cref="HttpStepRunner"/>.</summary>
public sealed class HttpStepOptions
{
    /// <summary>The <see cref="System.Net.Http.IHttpClientFactory"/> client name; configure it (proxies, handlers, certificates) with <c>AddHttpClient(name)</c>.</summary>
    public const string HttpClientName = "maestro-http-step";

    /// <summary>How much of the end of the response body is kept (the <c>body-tail</c> output and failure messages).</summary>
    public int BodyTailCharacters { get; set; } = 4096;

    /// <summary>The largest response body read; the body-contains check only sees this much.</summary>
    public int MaxBodyCharacters { get; set; } = 4 * 1024 * 1024;
}
