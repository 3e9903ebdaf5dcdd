using System.Security.Cryptography;
using Mesh.Client.Accounts;
using Mesh.Conformance.Drivers;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>What comes back is what went in: several selections at once, Upload's own refusals, several messages per Post.</summary>
[Binding]
public sealed class IntegritySteps(ServiceTargetDriver target, TransactionDriver transactions)
{
    /// <summary>The messages of the scenario's last Post, in order: what the recipients' spools must end with.</summary>
    List<DareEnvelope> posted = [];

    [When(@"(\w+) downloads (\S+) from index (\d+) and (\S+) from index (\d+) in one request")]
    public Task WhenDownloadingTwo(string holder, string first, int firstFrom, string second, int secondFrom) =>
        transactions.SendAsync(new DownloadRequest
        {
            Account = target.Account(holder),
            Select = [new() { Container = first, IndexMin = firstFrom }, new() { Container = second, IndexMin = secondFrom }],
        });

    [When(@"(\w+) uploads 2 entries to (\S+) with (indexes that are not consecutive|no ContainerInfo.Index|a ContainerUpdate.Index other than the first index|a wrong PayloadDigest)")]
    public async Task WhenUploadingFlawed(string holder, string container, string flaw)
    {
        var account = target.Account(holder);
        var next = await target.EntryCountAsync(account, container);
        var update = ContainerEntries.Entries(container, next, 2);
        var second = update.Envelopes![1];
        switch (flaw)
        {
            case "indexes that are not consecutive": second.Header.ContainerInfo = new ContainerInfo { Index = next + 2 }; break;
            case "no ContainerInfo.Index": second.Header.ContainerInfo = null; break;
            case "a ContainerUpdate.Index other than the first index": update.Index = next + 1; break;
            default:
                // A digest under the header's algorithm that is not the payload's: one bit of the right one flipped.
                var digest = SHA512.HashData(second.Payload);
                digest[0] ^= 1;
                second.Header.DigestAlgorithm = DareAlgorithms.Sha2;
                update.Envelopes[1] = new DareEnvelope { Header = second.Header, Payload = second.Payload, Trailer = new DareTrailer { PayloadDigest = digest } };
                break;
        }
        await transactions.SendAsync(new UploadRequest { Account = account, Updates = [update] });
    }

    [When(@"(\w+) posts (\d+) messages to (\S+) in one request")]
    public Task WhenPostingSeveral(string holder, int count, string recipient)
    {
        posted = Enumerable.Range(1, count).Select(i => SignedObjects.Plain(new RequestContact { Subject = $"message {i} from {holder}" },
            target.Client.Options.Layout, new ContentMeta { UniqueID = $"message-{i}-from-{holder}" })).ToList();
        return transactions.SendAsync(new PostRequest { Accounts = [target.Account(recipient)], Message = posted });
    }

    [When(@"(\w+) posts a message to its own inbound spool as Self")]
    public Task WhenPostingSelf(string holder) => transactions.SendAsync(new PostRequest
    {
        Self = [SignedObjects.Plain(new RequestContact { Subject = $"a note from {holder}" }, target.Client.Options.Layout, new ContentMeta { UniqueID = $"self-{holder}" })],
    });

    [Then(@"the inbound spool of (\S+) ends with the messages as posted, in order")]
    public async Task ThenTheSpoolEndsWithThePosted(string recipient)
    {
        if (posted.Count == 0) throw new InvalidOperationException("the step is misused: the scenario posted no messages to compare");
        var entries = await target.EntriesAsync(target.Account(recipient), target.Containers.Inbound);
        Equal(true, entries.Count >= posted.Count, $"The inbound spool of {recipient} holds the {posted.Count} messages posted", $"{entries.Count} entries", "H26");
        var tail = entries.Skip(entries.Count - posted.Count).ToList();
        for (var i = 0; i < posted.Count; i++)
        {
            Equal(Convert.ToHexString(posted[i].Payload), Convert.ToHexString(tail[i].Payload),
                $"Message {i + 1} reaches the inbound spool of {recipient} with its payload as posted, in order", id: "H26");
            Equal(EnvelopeReader.TryMeta(posted[i])?.UniqueID, EnvelopeReader.TryMeta(tail[i])?.UniqueID,
                $"Message {i + 1} keeps the client's UniqueID in the inbound spool of {recipient} (A13)", id: "H26");
        }
    }
}
