using System.Text;
using Mesh.Conformance.Drivers;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>
/// Requests below the transactions: raw bodies and methods (for the binding and error features), and one request in the
/// other forms HTTP/1.1 allows a client: framing, Host, Content-Encoding, HTTP/2, stalled connections.
/// </summary>
[Binding]
public sealed class HttpFormSteps(HttpFormsDriver forms, TransactionDriver transactions)
{
    [When(@"the client sends Hello as (a plain body|a chunked body|a body after Expect: 100-continue|a slow body|a gzip-encoded body)")]
    public Task WhenHelloInForm(string form) => forms.SendHelloAsync(form switch
    {
        "a chunked body" => HttpForm.Chunked,
        "a body after Expect: 100-continue" => HttpForm.ExpectContinue,
        "a slow body" => HttpForm.SlowBody,
        "a gzip-encoded body" => HttpForm.Gzip,
        _ => HttpForm.Plain,
    });

    [When(@"the client sends Hello with the Host header ""(.*)""")]
    public Task WhenHelloWithHost(string host) => forms.SendHelloWithHostAsync(host);

    [When("the client sends Hello over HTTP/2")]
    public Task WhenHelloOverHttp2() => forms.SendHelloOverHttp2Async();

    [When(@"(\d+) connections have stalled partway through a request")]
    public Task WhenConnectionsStall(int count) => forms.StallAsync(count);

    [When("the client sends Hello on a new connection")]
    public Task WhenHelloOnNewConnection() => forms.SendHelloOnNewConnectionAsync();

    /// <summary>The whole exchange, from the request's first byte to the answer's last, as the client timed it.</summary>
    [Then(@"the answer came within (\d+) seconds")]
    public void ThenAnsweredWithin(int seconds)
    {
        var elapsed = transactions.LastResult.Exchange.Elapsed;
        That(elapsed <= TimeSpan.FromSeconds(seconds), $"The service answers within {seconds} seconds", $"at most {seconds} s", $"{elapsed.TotalSeconds:0.000} s", "H81");
    }

    [Then("the request is answered as Hello or refused with 415 or 400")]
    public void ThenDecodedOrRefused()
    {
        var last = transactions.LastResult;
        var decoded = last.HttpStatus == 200 && last.Response is Mesh.Wire.Messages.MeshHelloResponse;
        That(decoded || last.HttpStatus is 415 or 400, "A coded body is decoded and answered, or refused; never misread", "200 with a MeshHelloResponse, or 415 (400)",
            $"{last.HttpStatus}: {WireText(last)}");
    }

    [Then(@"the answer came over HTTP/(\S+)")]
    public void ThenTheVersion(string version) =>
        Equal(version, transactions.LastResult.Exchange.HttpVersion, $"The answer came over HTTP/{version}", WireText(transactions.LastResult));

    [When(@"the client sends the body ""(.*)"" as (\S+)")]
    public Task WhenSendingABody(string body, string contentType) =>
        transactions.SendBodyAsync(Encoding.UTF8.GetBytes(Unescape(body)), contentType);

    [When(@"the client sends the body:")]
    public Task WhenSendingADocument(string body) => transactions.SendBodyAsync(Encoding.UTF8.GetBytes(body), "application/json");

    [When(@"the client sends a (\w+) request to ""(.*)""")]
    public Task WhenSendingMethod(string method, string path) =>
        transactions.SendHttpAsync(new HttpMethod(method), path, method is "GET" or "HEAD" ? null : "{\"Hello\": {}}"u8.ToArray(), "application/json");

    static string Unescape(string text) => text.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);
}
