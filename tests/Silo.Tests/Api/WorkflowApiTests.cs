using System.Net;
using System.Text.Json;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;
using static OrleansMaestro.Silo.Tests.Api.ApiSilo;

namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>The workflow endpoints against a real silo: each happy path and a wrong input each.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class WorkflowApiTests(ApiSilo silo)
{
    private HttpClient Http => silo.Http;

    [Fact]
    public async Task Posting_a_definition_creates_then_updates_the_workflow()
    {
        using var created = await Http.PostAsync(Url(ApiRoutes.Workflows), Json(Definitions.Sleepy("wf-create")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/workflows/wf-create", created.Headers.Location?.OriginalString);
        Assert.Equal(new WorkflowVersionCreated { WorkflowId = "wf-create", Version = 1 }, await ReadAsync<WorkflowVersionCreated>(created));

        using var updated = await Http.PostAsync(Url(ApiRoutes.Workflows), Json(Definitions.Sleepy("wf-create", "2s")));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (await ReadAsync<WorkflowVersionCreated>(updated)).Version);

        using var list = await Http.GetAsync(Url(ApiRoutes.Workflows));
        var summary = Assert.Single(await ReadAsync<WorkflowSummary[]>(list), w => w.Id == "wf-create");
        Assert.Equal(2, summary.ActiveVersion);
    }

    [Fact]
    public async Task An_invalid_definition_is_a_400_naming_every_error_by_path()
    {
        const string body = """{ "id": "wf-bad", "steps": [{ "type": "noop", "id": "a", "dependsOn": ["zz"] }, { "type": "shell", "id": "b", "comand": "x" }] }""";
        using var response = await Http.PostAsync(Url(ApiRoutes.Workflows), Json(body));
        await Problem.AssertInvalidAsync(response, "steps[1].comand");

        using var meaning = await Http.PostAsync(Url(ApiRoutes.Workflows), Json("""{ "id": "wf-bad", "steps": [{ "type": "noop", "id": "a", "dependsOn": ["zz"] }] }"""));
        await Problem.AssertInvalidAsync(meaning, "steps[0].dependsOn[0]");
        using var missing = await Http.GetAsync(Url("/api/v1/workflows/wf-bad"));
        await Problem.AssertNotFoundAsync(missing);
    }

    [Fact]
    public async Task Malformed_json_and_a_wrong_content_type_are_400s_naming_where()
    {
        using var broken = await Http.PostAsync(Url(ApiRoutes.Workflows), Json("""{ "id": "wf-broken", "steps": [ """));
        var messages = await Problem.AssertInvalidAsync(broken, "steps[0]");
        Assert.Contains(messages, m => m.Contains("invalid JSON", StringComparison.Ordinal));

        using var text = await Http.PostAsync(Url(ApiRoutes.Workflows), new StringContent(Definitions.Sleepy("wf-text"), System.Text.Encoding.UTF8, "text/plain"));
        await Problem.AssertInvalidAsync(text, "Content-Type");

        using var empty = await Http.PostAsync(Url(ApiRoutes.Workflows), Json(""));
        await Problem.AssertInvalidAsync(empty, "$");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_and_a_definition_without_id_a_400()
    {
        var huge = $$"""{ "id": "wf-huge", "description": "{{new string('x', 5 * 1024 * 1024)}}", "steps": [{ "type": "noop", "id": "a" }] }""";
        // Expect: 100-continue, so the client waits for the refusal instead of writing 5 MiB into a closed connection.
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(ApiRoutes.Workflows)) { Content = Json(huge) };
        request.Headers.ExpectContinue = true;
        using var tooLarge = await Http.SendAsync(request);
        await Problem.AssertAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "too-large");

        using var noId = await Http.PostAsync(Url(ApiRoutes.Workflows), Json("""{ "steps": [{ "type": "noop", "id": "a" }] }"""));
        await Problem.AssertInvalidAsync(noId, "id");
    }

    [Fact]
    public async Task Validate_answers_200_for_a_valid_definition_and_400_naming_errors_without_storing()
    {
        using var valid = await Http.PostAsync(Url(ApiRoutes.ValidateWorkflow), Json(Definitions.Sleepy("wf-validate")));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);

        using var invalid = await Http.PostAsync(Url(ApiRoutes.ValidateWorkflow), Json("""{ "id": "wf-validate", "steps": [{ "type": "noop", "id": "a", "dependsOn": ["a"] }] }"""));
        await Problem.AssertInvalidAsync(invalid, "steps[0].dependsOn[0]");

        using var stored = await Http.GetAsync(Url("/api/v1/workflows/wf-validate"));
        await Problem.AssertNotFoundAsync(stored);
    }

    [Fact]
    public async Task Get_returns_the_active_definition_and_404_for_an_unknown_workflow()
    {
        await PutAsync(Definitions.Sleepy("wf-get"));
        using var response = await Http.GetAsync(Url("/api/v1/workflows/wf-get"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await ReadAsync<WorkflowInfo>(response);
        Assert.Equal("wf-get", info.Definition.Id);
        Assert.Equal(1, info.ActiveVersion);

        using var unknown = await Http.GetAsync(Url("/api/v1/workflows/wf-never"));
        var problem = await Problem.AssertNotFoundAsync(unknown);
        Assert.Contains("wf-never", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("/api/v1/workflows/wf-never", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Versions_list_read_and_activate_with_bad_and_missing_versions_refused()
    {
        await PutAsync(Definitions.Sleepy("wf-versions", "1s"));
        await PutAsync(Definitions.Sleepy("wf-versions", "3s"));

        using var list = await Http.GetAsync(Url("/api/v1/workflows/wf-versions/versions"));
        var versions = await ReadAsync<WorkflowVersionInfo[]>(list);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.True(versions[1].Active);

        using var one = await Http.GetAsync(Url("/api/v1/workflows/wf-versions/versions/1"));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var definition = JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("wf-versions", definition.GetProperty("id").GetString());
        Assert.Equal(1, definition.GetProperty("version").GetInt32());

        using var activated = await Http.PostAsync(Url("/api/v1/workflows/wf-versions/versions/1/activate"), null);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal(1, (await ReadAsync<WorkflowInfo>(activated)).ActiveVersion);

        using var notNumber = await Http.GetAsync(Url("/api/v1/workflows/wf-versions/versions/first"));
        await Problem.AssertInvalidAsync(notNumber, "version");
        using var missing = await Http.GetAsync(Url("/api/v1/workflows/wf-versions/versions/9"));
        await Problem.AssertNotFoundAsync(missing);
        using var activateMissing = await Http.PostAsync(Url("/api/v1/workflows/wf-versions/versions/9/activate"), null);
        await Problem.AssertNotFoundAsync(activateMissing);
        using var activateBad = await Http.PostAsync(Url("/api/v1/workflows/wf-versions/versions/0/activate"), null);
        await Problem.AssertInvalidAsync(activateBad, "version");
        using var unknownVersions = await Http.GetAsync(Url("/api/v1/workflows/wf-never/versions"));
        await Problem.AssertNotFoundAsync(unknownVersions);
    }

    [Fact]
    public async Task Delete_answers_204_then_404()
    {
        await PutAsync(Definitions.Sleepy("wf-delete"));
        using var deleted = await Http.DeleteAsync(Url("/api/v1/workflows/wf-delete"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var again = await Http.DeleteAsync(Url("/api/v1/workflows/wf-delete"));
        await Problem.AssertNotFoundAsync(again);
        using var list = await Http.GetAsync(Url(ApiRoutes.Workflows));
        Assert.DoesNotContain(await ReadAsync<WorkflowSummary[]>(list), w => w.Id == "wf-delete");
    }

    [Fact]
    public async Task An_unknown_route_and_a_wrong_method_are_problems()
    {
        using var unknown = await Http.GetAsync(Url("/api/v1/nothing-here"));
        await Problem.AssertNotFoundAsync(unknown);

        using var method = await Http.PutAsync(Url(ApiRoutes.Workflows), Json("{}"));
        await Problem.AssertAsync(method, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    private async Task PutAsync(string definition)
    {
        using var response = await Http.PostAsync(Url(ApiRoutes.Workflows), Json(definition));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);
}
