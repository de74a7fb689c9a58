using System.Diagnostics;
using System.Net;
using k8s.Models;
using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>
/// The real silo process with the environment an overlay gives its pod: the probes' paths answer on the HTTP port,
/// the prod init container's <c>migrate</c> works on a real PostgreSQL, the API keys from the Secret are enforced, and a
/// SIGTERM stop ends within the pod's termination grace period. What cannot run here is swapped and said so: free
/// loopback ports instead of the fixed ones, a temp folder for <c>/tmp/maestro</c>, a shared folder for the S3
/// warehouse, and no Kubernetes hosting (there is no API server).
/// </summary>
[Collection(OverlaysCollection.Name)]
public sealed class OverlaySiloTests(Overlays overlays, PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private static readonly string[] Ports = ["Maestro__SiloPort", "Maestro__GatewayPort", "Maestro__Http__Port"];

    [Fact]
    public async Task The_dev_silo_answers_its_probes_and_stops_within_the_grace_period()
    {
        var manifest = overlays[Overlays.Dev];
        using var data = new DataFolder();
        var environment = Literal(manifest, CrossReferenceTests.Silo(manifest));
        environment["Maestro__DataDirectory"] = data.Path;
        // The pod listens on every interface (0.0.0.0, checked in PodSpecTests); here loopback is enough.
        environment["Maestro__Http__Address"] = "127.0.0.1";
        await RunAndStopAsync(manifest, data.Path, environment, apiKey: null);
    }

    [Fact]
    public async Task The_prod_init_container_migrates_and_the_silo_serves_with_the_secrets_api_keys()
    {
        var manifest = overlays[Overlays.Prod];
        var connection = await postgres.CreateDatabaseAsync();
        using var data = new DataFolder();
        var secrets = SecretDocs.For(Overlays.Prod)["maestro-secrets"];
        secrets["postgres-connection-string"] = connection;
        var pod = manifest.Deployment.Spec.Template.Spec;

        // The init container, as the pod runs it: its args, its env (the connection string from the Secret).
        var migrate = Assert.Single(pod.InitContainers);
        var migrated = await SiloProcess.RunAsync(data.Path, WithSecrets(Literal(manifest, migrate), migrate, secrets), [.. migrate.Args]);
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Contains("schema up to date", migrated.Output, StringComparison.Ordinal);

        var silo = CrossReferenceTests.Silo(manifest);
        var environment = WithSecrets(Literal(manifest, silo), silo, secrets);
        environment["Maestro__DataDirectory"] = data.Path;
        environment["Maestro__Warehouse"] = Path.Combine(data.Path, "warehouse");
        environment["Maestro__Cluster__Kubernetes"] = "false";
        await RunAndStopAsync(manifest, data.Path, environment, apiKey: secrets["api-key-readonly"]);
    }

    private static async Task RunAndStopAsync(Manifest manifest, string directory, Dictionary<string, string> environment, string? apiKey)
    {
        var pod = manifest.Deployment.Spec.Template.Spec;
        var container = CrossReferenceTests.Silo(manifest);
        await using var silo = SiloProcess.Start(directory, environment);
        using var http = new HttpClient { BaseAddress = silo.HttpAddress, Timeout = TimeSpan.FromSeconds(10) };

        // Each probe as the kubelet sends it, within the startup probe's budget (period x failure threshold).
        var startup = container.StartupProbe;
        var budget = TimeSpan.FromSeconds((startup.PeriodSeconds ?? 10) * (startup.FailureThreshold ?? 3));
        foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe })
        {
            await WaitForOkAsync(http, silo, probe.HttpGet.Path, budget);
        }

        if (apiKey is not null)
        {
            // Auth from the ConfigMap (names, access) and the Secret (keys): no key is refused, the read-only key reads.
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(ApiRoutes.Workflows)).StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Workflows);
            request.Headers.Add("X-Api-Key", apiKey);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        // As the kubelet does, nothing holds a connection open while the pod stops.
        http.Dispose();
        var clock = Stopwatch.StartNew();
        var stopped = await silo.StopGracefullyAsync();
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(pod.TerminationGracePeriodSeconds!.Value), $"the stop took {clock.Elapsed}");
    }

    private static async Task WaitForOkAsync(HttpClient http, SiloProcess silo, string path, TimeSpan budget)
    {
        var deadline = DateTime.UtcNow + budget;
        while (true)
        {
            if (silo.HasExited)
            {
                Assert.Fail($"the silo ended: {await silo.WaitForExitAsync()}");
            }

            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} did not answer 200 within {budget}: {silo.Errors}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The container's literal Maestro__ settings, without the ports (the silo process gets free ones).</summary>
    private static Dictionary<string, string> Literal(Manifest manifest, V1Container container) =>
        SiloSettings.Environment(manifest, container)
            .Where(e => e.Key.StartsWith(SiloSettings.Prefix, StringComparison.Ordinal) && e.Value is not null && !Ports.Contains(e.Key))
            .ToDictionary(e => e.Key, e => e.Value!);

    private static Dictionary<string, string> WithSecrets(Dictionary<string, string> environment, V1Container container, Dictionary<string, string> secrets)
    {
        foreach (var variable in container.Env.Where(e => e.ValueFrom?.SecretKeyRef is not null))
        {
            environment[variable.Name] = secrets[variable.ValueFrom.SecretKeyRef.Key];
        }

        return environment;
    }
}
