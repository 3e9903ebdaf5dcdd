using System.Text;
using Mesh.Conformance.Drivers;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>Values at the limits a target advertises, read from its own Hello: never our own defaults.</summary>
[Binding]
public sealed class BoundarySteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors)
{
    [When(@"(\w+) creates an account whose name is (one shorter than|exactly|one longer than) the Hello policy's (minimum|maximum) length")]
    public async Task WhenCreatingAtTheLimit(string holder, string relation, string bound)
    {
        var hello = await target.Client.HelloAsync();
        var policy = hello.Typed?.PolicyAccount;
        var limit = bound == "minimum" ? policy?.Minimum : policy?.Maximum;
        if (limit is null) throw target.Unsupported($"the target's Hello advertises no PolicyAccount.{(bound == "minimum" ? "Minimum" : "Maximum")}");
        var length = limit.Value + relation switch { "one shorter than" => -1, "one longer than" => 1, _ => 0 };
        if (length < 0) throw target.Unsupported($"the policy's minimum is {limit}: no name is one shorter");
        // The account address the target maps a name to carries this run's mark on a foreign target: the name is that
        // local part cycled to the length, so runs differ where the length leaves room for it.
        var seed = target.Account(holder);
        var (local, domain) = (seed[..seed.LastIndexOf('@')], seed[(seed.LastIndexOf('@') + 1)..]);
        var name = string.Concat(Enumerable.Range(0, length).Select(i => local[i % local.Length]));
        await transactions.SendAsync(actors.Account(holder).CreateRequest($"{name}@{domain}", target.Client.Options.Layout, target.Profile != Mesh.Service.ProtocolProfile.Reference));
    }

    [When(@"the client sends Hello padded to (exactly|one byte more than) the advertised BytesMax")]
    public async Task WhenSendingAtTheLimit(string relation)
    {
        var hello = await target.Client.HelloAsync();
        if (hello.Typed?.ConstraintsPost?.BytesMax is not { } limit)
            throw target.Unsupported("the target's Hello advertises no ConstraintsPost.BytesMax");
        var length = relation == "exactly" ? limit : limit + 1;
        // A Hello followed by JSON whitespace: a well-formed request of exactly the length wanted, which changes nothing.
        var body = "{\"Hello\": {}}"u8.ToArray();
        if (length < body.Length) throw target.Unsupported($"the advertised BytesMax {limit} is smaller than a Hello request");
        await transactions.SendBodyAsync([.. body, .. Enumerable.Repeat((byte)' ', length - body.Length)], "application/json");
    }

    [When(@"(\w+) downloads (\S+) with the selection members (.*)")]
    public Task WhenDownloadingWithMembers(string holder, string container, string members)
    {
        // Written as text: the values (a reversed range, -1, 2^31, 1.5) are what the typed request cannot hold.
        var account = System.Text.Json.JsonSerializer.Serialize(target.Account(holder));
        var body = $"{{\"Download\": {{\"Account\": {account}, \"Select\": [{{\"Container\": \"{container}\", {members}}}]}}}}";
        return transactions.SendBodyAsync(Encoding.UTF8.GetBytes(body), "application/json");
    }

    [Then("the name is accepted")]
    public void ThenAccepted()
    {
        // A short name an earlier run already holds is refused as a duplicate (409, StatusExtended 1), which the policy passed.
        var last = transactions.LastResult;
        That(last.Status == 201 || last.Status == 409 && last.Response?.StatusExtended == 1, "A name within the advertised policy is accepted (A22)",
            "201 (or 409 with StatusExtended 1: the name is taken)", $"{last.Status}: {WireText(last)}", "H21");
    }
}
