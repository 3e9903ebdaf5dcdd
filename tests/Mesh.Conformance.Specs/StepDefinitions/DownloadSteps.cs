using Mesh.Client.Accounts;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Specs.Support;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>The Download transaction (draft §7.2): selections, and what comes back.</summary>
[Binding]
public sealed class DownloadSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors) : TransactionStepBase(target, transactions, actors)
{
    [When(@"(\w+) downloads (\S+) from index (\d+) to index (\d+)")]
    public Task WhenDownloadingRange(string holder, string container, int from, int to) =>
        Transactions.SendAsync(new DownloadRequest { Account = Target.Account(holder), Select = [new() { Container = container, IndexMin = from, IndexMax = to }] });

    [When(@"(\w+) downloads (\S+) from index (\d+)")]
    public Task WhenDownloading(string holder, string container, int from) =>
        Transactions.SendAsync(new DownloadRequest { Account = Target.Account(holder), Select = [new() { Container = container, IndexMin = from }] });

    [When(@"(\w+) downloads at most (\d+) entries of (\S+)")]
    public Task WhenDownloadingAtMost(string holder, int max, string container) =>
        Transactions.SendAsync(new DownloadRequest { Account = Target.Account(holder), Select = [new() { Container = container }], ConstraintsPost = new ConstraintsData { MaxEntries = max } });

    [When(@"(\w+) downloads without a selection")]
    public Task WhenDownloadingNothing(string holder) => Transactions.SendAsync(new DownloadRequest { Account = Target.Account(holder) });

    [Then(@"the download returns entries (\d+) to (\d+) of (\S+) exactly as stored")]
    public void ThenTheDownload(int from, int to, string container)
    {
        var uploaded = Transactions.Uploaded(Target.Account("alice"), container);
        if (uploaded.Count <= to)
            throw new InvalidOperationException($"the download step is misused: the scenario uploaded {uploaded.Count} entries to {container}, not entry {to}");
        var returned = Typed<DownloadResponse>().Updates?.FirstOrDefault(u => u.Container == container)?.Envelopes ?? [];
        Equal(to - from + 1, returned.Count, $"Download returns the {to - from + 1} entries {from}..{to} of {container}", WireText);
        for (var i = 0; i < returned.Count; i++)
            Equal(Convert.ToHexString(uploaded[from + i].EncodeArray()), Convert.ToHexString(returned[i].EncodeArray()),
                $"Download returns entry {from + i} of {container} byte-identical to what was uploaded", WireText);
    }

    [Then(@"the download returns (\d+) entries")]
    public void ThenTheDownloadCount(int count) =>
        Equal(count, Typed<DownloadResponse>().Updates?.Sum(u => u.Envelopes?.Count ?? 0) ?? 0, $"Download returns {count} entries", WireText, "H29");
}
