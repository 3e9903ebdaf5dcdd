using Mesh.Conformance.Drivers;
using Mesh.Dns;
using Mesh.Dns.Discovery;
using TechTalk.SpecFlow;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>
/// Discovery (draft §4.1): the reference client finding the service in a scenario's zone, and the records the service's
/// own domain publishes, judged by what they announce.
/// </summary>
[Binding]
public sealed class DiscoverySteps(ServiceTargetDriver target, PublishedRecordsDriver records)
{
    /// <summary>Rows: name | type | data; <c>{port}</c> stands for the service's port.</summary>
    [Given("the DNS zone:")]
    public void GivenTheZone(Table zone)
    {
        var text = string.Join("\n", zone.Rows.Select(r => $"{r["name"]} {r["type"]} {r["data"].Replace("{port}", target.Service.Host.Port.ToString(), StringComparison.Ordinal)}"));
        target.UseZone(DnsZone.Parse(text, "scenario zone"));
    }

    DiscoveryException? discoveryFailure;

    [When(@"the client discovers the service for ""(.*)""( over https)?")]
    public async Task WhenDiscovering(string serviceId, string https)
    {
        try { await target.ConnectAsync(serviceId); }
        catch (DiscoveryException e) { discoveryFailure = e; }
    }

    [Then(@"the client uses ""(.*)""")]
    public void ThenTheClientUses(string uri)
    {
        Scenarios.Expect.That(discoveryFailure is null, "Discovery finds an endpoint", uri, discoveryFailure?.Message ?? "");
        var expected = uri.Replace("{port}", target.Service.Host.Port.ToString(), StringComparison.Ordinal);
        Scenarios.Expect.Equal(expected, target.Discovered.Endpoint.Uri.ToString(), "The client connects to the endpoint discovery selects",
            target.Discovered.Endpoint.Source);
    }

    [Then(@"discovery fails naming ""(.*)""")]
    public void ThenDiscoveryFails(string query)
    {
        Scenarios.Expect.That(discoveryFailure is not null, "Discovery reports the failed DNS query", $"a failure naming {query}", "discovery succeeded");
        Scenarios.Expect.That(discoveryFailure!.Message.Contains(query, StringComparison.Ordinal), "The failure names the query", query, discoveryFailure.Message);
    }

    [Then(@"the DNS server was asked for (\S+) (SRV|TXT|A|AAAA)")]
    public void ThenTheDnsServerWasAsked(string name, string type) =>
        Scenarios.Expect.That(target.Service.Dns.CountQueries(name, Enum.Parse<ZoneRecordType>(type)) > 0,
            "The client looks the service up in DNS", $"a {type} query for {name}", string.Join(", ", target.Service.Dns.Queries.All.Select(q => $"{q.Type} {q.Name}")));

    [When("the suite reads the discovery records the service's domain publishes")]
    public Task WhenReadingThePublishedRecords() => records.ReadAsync();

    [Then("every endpoint they announce answers Hello")]
    public Task ThenEveryEndpointAnswers() => records.ExpectEveryEndpointAnswersHelloAsync();

    [Then("every TXT path they give is an absolute path")]
    public void ThenThePathsAreAbsolute() => records.ExpectAbsolutePaths();
}
