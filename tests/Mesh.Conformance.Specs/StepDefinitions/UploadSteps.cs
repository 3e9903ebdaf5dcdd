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

/// <summary>The Upload transaction (draft §7.3): entries sent, and what the service says it stored.</summary>
[Binding]
public sealed class UploadSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors) : TransactionStepBase(target, transactions, actors)
{
    [Given(@"(\w+) has uploaded (\d+) entries to (\S+)")]
    public async Task GivenEntries(string holder, int count, string container)
    {
        var account = Target.Account(holder);
        var first = await Target.EntryCountAsync(account, container);
        var upload = Upload(account, container, first, count);
        var result = await Target.Client.UploadAsync(upload);
        Succeeded(result, $"Upload of {count} entries to {container}");
        Transactions.Remember(upload, result);
    }

    [When(@"(\w+) uploads (\d+) entries to (\S+) starting at index (\d+)")]
    public Task WhenUploading(string holder, int count, string container, int first) =>
        Transactions.SendAsync(Upload(Target.Account(holder), container, first, count));

    [When(@"(\w+) uploads (\d+) entries to (\S+) and (\d+) to (\S+), both starting at index (\d+)")]
    public Task WhenUploadingTwo(string holder, int count, string container, int otherCount, string other, int first)
    {
        var request = Upload(Target.Account(holder), container, first, count);
        request.Updates!.Add(Upload(Target.Account(holder), other, 0, otherCount).Updates![0]);
        return Transactions.SendAsync(request);
    }

    [When(@"(\w+) uploads a completion marker to the inbound spool")]
    public Task WhenUploadingSelf(string holder) => Transactions.SendAsync(new UploadRequest
    {
        Account = Target.Account(holder),
        Self = [SignedObjects.Plain(new MessageComplete { MessageID = "completion-1" }, Layout)],
    });

    (string Account, string Container, DareEnvelope Entry)? signedEntry;

    [When(@"(\w+) uploads to (\S+) an entry signed under (?:her|his|their) Mesh profile, with (.+)")]
    public async Task WhenUploadingSigned(string holder, string container, string flaw)
    {
        var account = Target.Account(holder);
        var keys = Actors.Account(holder);
        var (key, payload) = ContainerEntries.Content(container, "signed-contact", "a signed entry");
        var entry = ContainerEntries.Entry(payload, key, await Target.EntryCountAsync(account, container), signer: keys.MeshOnline);
        if (flaw != "nothing wrong") entry = SignatureFlaws.Apply(entry, flaw, Actors.Account("mallory").MeshOnline);
        signedEntry = (account, container, entry);
        await Transactions.SendAsync(new UploadRequest { Account = account, Updates = [new() { Container = container, Envelopes = [entry] }] });
    }

    [Then(@"the entry is kept with its signature exactly as sent, or refused 400 with nothing stored")]
    public async Task ThenKeptAsSentOrRefused()
    {
        var (account, container, entry) = signedEntry ?? throw new InvalidOperationException("the step is misused: no signed entry was uploaded");
        if (Last.Status >= 400)
        {
            Equal(400, Last.Status, "An entry refused for its signature is refused 400 (H83)", WireText, "H83");
            await ExpectStateUnchangedAsync();
            return;
        }
        Succeeded(Last, "Upload of the signed entry");
        var index = entry.Header.ContainerInfo!.Index!.Value;
        var stored = await Target.EntriesAsync(account, container);
        Equal(Convert.ToHexString(entry.EncodeArray()), stored.Count > index ? Convert.ToHexString(stored[index].EncodeArray()) : $"no entry {index} of {container}",
            $"Entry {index} of {container} is returned with its trailer, signatures included, exactly as uploaded (H83)", WireText, "H83");
    }

    [Then(@"(\S+) holds (\d+) entries for (\S+)")]
    public async Task ThenTheContainerHolds(string container, int count, AccountAddress account) =>
        Equal(count, await Target.EntryCountAsync(account, container), $"{container} of {account} holds {count} entries");

    [Then(@"the entry results are ""(.*)""")]
    public void ThenTheEntries(string results) =>
        Equal(results, string.Join(", ", Typed<UploadResponse>().Entries?.Select(e => e.IndexContainer is { } i ? $"{e.Result} {i}" : e.Result) ?? []), "Each entry gets its result (A14)", WireText, "H23");

    static UploadRequest Upload(string account, string container, int first, int count) =>
        new() { Account = account, Updates = [ContainerEntries.Entries(container, first, count)] };
}
