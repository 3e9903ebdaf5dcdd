using Mesh.Client.Accounts;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Specs.Support;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>The Post transaction (draft §9).</summary>
[Binding]
public sealed class PostSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors) : TransactionStepBase(target, transactions, actors)
{
    [When(@"(\w+) posts a message to (\S+(?:, \S+)*)")]
    public Task WhenPosting(string holder, string recipients) => Transactions.SendAsync(new PostRequest
    {
        Accounts = [.. recipients.Split(", ").Select(Target.Account)],
        Message = [SignedObjects.Plain(new RequestContact { Subject = $"from {holder}" }, Layout, new ContentMeta { UniqueID = $"message-from-{holder}" })],
    });

    [When(@"(\w+) posts a message of (\d+) bytes to (\S+)")]
    public Task WhenPostingLarge(string holder, int size, AccountAddress recipient) =>
        Transactions.SendAsync(new PostRequest { Accounts = [recipient], Message = [EnvelopeWriter.Plain(new byte[size])] });

    [When("a message is posted without recipients")]
    public Task WhenPostingToNobody() => Transactions.SendAsync(new PostRequest { Message = [EnvelopeWriter.Plain([1])] });

    [Then(@"the entry results of the post are ""(.*)""")]
    public void ThenThePostEntries(string results) =>
        Equal(results, string.Join(", ", Typed<PostResponse>().Entries?.Select(e => e.Result) ?? []), "Post reports one result per message", WireText, "H26");
}
