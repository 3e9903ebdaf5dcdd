using Mesh.Conformance.Drivers;
using Mesh.Wire.Json;
using Mesh.Conformance.Scenarios;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>The payload encoding of the scenario's requests (draft §4.4): every When after this goes in it.</summary>
[Binding]
public sealed class EncodingSteps(TransactionDriver transactions)
{
    [Then("every binary member of the answer is base64url, unpadded and unbroken")]
    public void ThenBase64Form()
    {
        var last = transactions.LastResult;
        var members = BinaryMembers.Of(last.Exchange.ResponseBody);
        if (members.Count == 0) throw new InvalidOperationException("the step is misused: the answer carries no binary member to judge");
        // Draft §4.4: "Byte sequences are converted to BASE64-url encoding": the alphabet is the draft's; '+' or '/' breaks it.
        var alphabet = members.Where(m => m.Text.Any(c => c is '+' or '/')).Select(m => m.Path).ToList();
        That(alphabet.Count == 0, "Byte sequences are converted to BASE64-url encoding (draft §4.4)", "the base64url alphabet (- and _)",
            $"{alphabet.Count} of {members.Count} members use + or /: {string.Join(", ", alphabet.Take(5))}", "D60");
        // Padding and line breaks are the project's reading for draft-03 (A24): one unbroken string, no '='.
        var form = members.Where(m => m.Text.Any(c => c is '=' or '\n' or '\r' or ' ' or '\t')).Select(m => m.Path).ToList();
        That(form.Count == 0, "Binary members are written as one unbroken base64url string without padding (A24)", "no '=', no line breaks",
            $"{form.Count} of {members.Count} members are padded or wrapped: {string.Join(", ", form.Take(5))}", "H79");
    }

    [Given("the requests are sent in (JSON-B|JSON-C)")]
    public void GivenTheEncoding(string encoding) => transactions.Encoding = encoding == "JSON-B" ? WireEncoding.JsonB : WireEncoding.JsonC;
}
