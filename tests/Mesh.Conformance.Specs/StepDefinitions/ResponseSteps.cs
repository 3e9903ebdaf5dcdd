using System.Text;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Scenarios;
using Mesh.Service;
using Mesh.Wire.Model;
using Mesh.Conformance.Specs.Support;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>What any answer, and the service's state after it, must show: status codes, tag, headers, state.</summary>
[Binding]
public sealed class ResponseSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors) : TransactionStepBase(target, transactions, actors)
{
    [Then(@"the response status is (\d+)")]
    public void ThenTheStatus(int status) =>
        Equal<int?>(status, Last.Status, $"The payload Status is {status}", WireText, StatusCodes.Requirement(Target.Profile.Name(), status, Last.Status));

    [Then(@"the HTTP status is (\d+)")]
    public void ThenTheHttpStatus(int status) =>
        Equal(status, Last.HttpStatus, $"The HTTP status is {status}", WireText, StatusCodes.HttpRequirement(Target.Profile.Name(), status, Last.HttpStatus));

    [Then(@"the response is tagged (\w+)")]
    public void ThenTheTag(string tag) =>
        Equal(tag, Last.Response is null ? "(no response)" : WireTypes.TagOf(Last.Response.GetType()), $"The response is tagged {tag}", WireText);

    [Then(@"the response StatusExtended is (\d+)")]
    public void ThenTheExtendedStatus(int extended) =>
        Equal<int?>(extended, Last.Response?.StatusExtended, $"StatusExtended is {extended}", WireText, Target.Profile == ProtocolProfile.Reference ? "R01" : "H14");

    [Then("the client found nothing wrong with the response")]
    public void ThenNoProblems() => That(Last.Problems.Count == 0, "The response passes the client's checks (tag, Status, signatures)", "no problems", string.Join("; ", Last.Problems));

    [Then(@"the response header (\S+) is ""(.*)""")]
    public void ThenTheHeader(string name, string value) =>
        Equal(value, name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? MediaType(Last.Exchange.ResponseHeader(name)) : Last.Exchange.ResponseHeader(name),
            $"The response header {name} is {value}", WireText);

    // A charset parameter does not change the media type (RFC 9110 §8.3.1, RFC 8259 §11): a conforming service may add one.
    static string? MediaType(string? contentType) => contentType?.Split(';')[0].Trim();

    [Then(@"the response echoes the request identifier ""(.*)""")]
    public void ThenTheId(string id) =>
        Equal(id, Last.Response?.ID is { } bytes ? Encoding.UTF8.GetString(bytes) : null, "The response ID echoes the request ID (A31)", WireText);

    /// <summary>For tables that mix successes and refusals: a refusal must also leave the state as it was.</summary>
    [Then(@"the response status is (\d+), and a refusal changes nothing")]
    public async Task ThenTheStatusAndNothingChangedOnRefusal(int status)
    {
        ThenTheStatus(status);
        if (status >= 400) await ThenNothingChanged();
    }

    [Then("the service's state has not changed")]
    public Task ThenNothingChanged() => ExpectStateUnchangedAsync();
}
