using Mesh.Conformance.Drivers;
using Mesh.Wire.Json;
using TechTalk.SpecFlow;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>The payload encoding of the scenario's requests (draft §4.4): every When after this goes in it.</summary>
[Binding]
public sealed class EncodingSteps(TransactionDriver transactions)
{
    [Given("the requests are sent in (JSON-B|JSON-C)")]
    public void GivenTheEncoding(string encoding) => transactions.Encoding = encoding == "JSON-B" ? WireEncoding.JsonB : WireEncoding.JsonC;
}
