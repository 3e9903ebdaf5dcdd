using System.Security.Cryptography;
using System.Text;
using Mesh.Client.Accounts;
using Mesh.Conformance.Drivers;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>Checks of decisions the project takes where the draft is open (docs/ambiguities.md): each names its row.</summary>
[Binding]
public sealed class DecisionSteps(ServiceTargetDriver target, TransactionDriver transactions)
{
    [Given(@"(\w+) has uploaded (\d+) entries with tree digests to (\S+)")]
    public async Task GivenEntriesWithDigests(string holder, int count, string container)
    {
        var account = target.Account(holder);
        var first = await target.EntryCountAsync(account, container);
        var update = ContainerEntries.Entries(container, first, count);
        // A device's own running digest over its entries, so each frame's TreeDigest differs and the last is known here.
        var running = new byte[64];
        update.Envelopes = update.Envelopes!.Select(entry =>
        {
            running = SHA512.HashData([.. running, .. entry.Payload]);
            return new DareEnvelope { Header = entry.Header, Payload = entry.Payload, Trailer = new DareTrailer { TreeDigest = running } };
        }).ToList();
        var upload = new UploadRequest { Account = account, Updates = [update] };
        var result = await target.Client.UploadAsync(upload);
        Succeeded(result, $"Upload of {count} entries with tree digests to {container}");
        transactions.Remember(upload, result);
    }

    [When(@"(\w+) downloads (\S+) with entries not before ""(.*)""")]
    public Task WhenDownloadingSince(string holder, string container, string date)
    {
        // The typed writer can only write UTC: write a placeholder date, then put the scenario's text in its place.
        var placeholder = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var request = new DownloadRequest { Account = target.Account(holder), Select = [new() { Container = container, IndexMin = 0, NotBefore = placeholder }] };
        var text = Encoding.UTF8.GetString(WireSerializer.Encode(request, Mesh.Wire.Json.WireEncoding.Json, target.Client.Options.Layout));
        const string written = "\"2000-01-01T00:00:00Z\"";
        if (!text.Contains(written, StringComparison.Ordinal)) throw new InvalidOperationException($"the request does not carry the placeholder date {written}: {text}");
        return transactions.SendBodyAsync(Encoding.UTF8.GetBytes(text.Replace(written, $"\"{date}\"", StringComparison.Ordinal)), "application/json");
    }

    [Then(@"the status reports for (\S+) the tree digest of its last entry")]
    public void ThenTheApexDigest(string container)
    {
        var last = transactions.LastResult;
        var expected = transactions.Uploaded(AccountOfLastStatus(), container).LastOrDefault()?.Trailer?.TreeDigest
            ?? throw new InvalidOperationException($"the scenario uploaded no entry with a tree digest to {container}: nothing to compare");
        var reported = (last.Response as StatusResponse)?.ContainerStatus?.FirstOrDefault(c => c.Container == container)?.Digest;
        Equal(Convert.ToHexString(expected), reported is null ? "(no Digest)" : Convert.ToHexString(reported),
            $"ContainerStatus.Digest of {container} is the digest its last entry carries (A17)", WireText(last), "H67");
    }

    [Then("the response carries only the members its type defines")]
    public void ThenNoUnknownMembers()
    {
        var response = transactions.LastResult.Response ?? throw new Scenarios.ConformanceFailure("The answer is a tagged response",
            "a response", WireText(transactions.LastResult), "H35");
        var unknown = response.UnknownMembers.Select(name => $"{WireTypes.TagOf(response.GetType())}.{name}").ToList();
        That(unknown.Count == 0, "A response carries only the members the schema defines for its type (A5, A25)", "no other members",
            string.Join(", ", unknown), "H35");
    }

    string AccountOfLastStatus() =>
        WireSerializer.Decode(transactions.LastResult.Exchange.RequestBody) is StatusRequest { Account: { } account } ? account
            : throw new InvalidOperationException("the last request is not a Status naming an account");
}
