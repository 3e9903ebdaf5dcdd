using System.Text;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Specs.Support;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;
using Mesh.Wire.Protocol;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>The Hello transaction (draft §5): what the client asks and what the answer advertises.</summary>
[Binding]
public sealed class HelloSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors) : TransactionStepBase(target, transactions, actors)
{
    [When("the client sends Hello")]
    public Task WhenHello() => Transactions.SendAsync(new HelloRequest());

    [When(@"the client sends Hello with the request identifier ""(.*)""")]
    public Task WhenHelloWithId(string id) => Transactions.SendAsync(new HelloRequest { ID = Encoding.UTF8.GetBytes(id) });

    [When(@"the client sends Hello in (JSON-B|JSON-C)")]
    public async Task WhenHelloBinary(string encoding)
    {
        var wire = encoding == "JSON-B" ? WireEncoding.JsonB : WireEncoding.JsonC;
        var dictionary = wire == WireEncoding.JsonC ? JsonCDictionary.Words : null;
        await Transactions.SendBodyAsync(Mesh.Wire.Model.WireSerializer.Encode(new HelloRequest(), wire, dictionary: dictionary),
            wire == WireEncoding.JsonB ? "application/json-b" : "application/json-c");
    }

    [Then(@"the Hello response offers version (\d+)\.(\d+)")]
    public void ThenTheVersion(int major, int minor)
    {
        var hello = Typed<MeshHelloResponse>();
        Equal($"{major}.{minor}", $"{hello.Version?.Major}.{hello.Version?.Minor}", "Hello advertises the protocol version", WireText);
    }

    [Then(@"the Hello response lists (\S+) among the encodings")]
    public void ThenAmongTheEncodings(string encoding) =>
        That(Typed<MeshHelloResponse>().Version?.Encodings?.SelectMany(e => e.ID ?? []).Contains(encoding) == true, "Hello lists the accepted encodings",
            $"{encoding} among the encodings", WireText);

    [Then(@"the Hello response lists the encodings (.*)")]
    public void ThenTheEncodings(string encodings) =>
        Equal(encodings, string.Join(", ", Typed<MeshHelloResponse>().Version?.Encodings?.SelectMany(e => e.ID ?? []) ?? []), "Hello lists the accepted encodings", WireText);

    [Then(@"the Hello response advertises a request limit of (\d+) bytes")]
    public void ThenTheLimit(int bytes) => Equal<int?>(bytes, Typed<MeshHelloResponse>().ConstraintsPost?.BytesMax, "Hello advertises ConstraintsPost.BytesMax (A30)", WireText);

    [Then("the Hello response advertises the account name policy")]
    public void ThenThePolicy() => That(Typed<MeshHelloResponse>().PolicyAccount is { Maximum: > 0 }, "Hello advertises PolicyAccount (A22)", "a PolicyAccount", WireText);

    [Then(@"the (EnvelopedProfileService|EnvelopedProfileHost) is signed by the key its profile names")]
    public void ThenTheProfileIsSigned(string field)
    {
        var hello = Typed<MeshHelloResponse>();
        var problems = field == "EnvelopedProfileService"
            ? Mesh.Client.ResponseChecks.Profile<ProfileService>(hello.EnvelopedProfileService, field).ToList()
            : Mesh.Client.ResponseChecks.Profile<ProfileHost>(hello.EnvelopedProfileHost, field).ToList();
        That(problems.Count == 0, $"{field} verifies under its own offline key (draft)", "a valid signature whose kid is the profile's UDF", string.Join("; ", problems));
    }

    [Then(@"the Hello response has exactly the members (.*)")]
    public void ThenTheMembers(string members) =>
        Equal(members, string.Join(", ", WireSchema.MembersOf(typeof(MeshHelloResponse)).Where(m => m.Property.GetValue(Last.Response) is not null).Select(m => m.Name)),
            "The Hello response has the recorded example's members, in order", WireText);
}
