using Mesh.Conformance.Drivers;
using Mesh.Dns.Discovery;
using Mesh.Service;
using Mesh.Wire.Protocol;
using TechTalk.SpecFlow;
using Xunit;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>The service under test and how it is found.</summary>
[Binding]
public sealed class ServiceSteps(ServiceTargetDriver target)
{
    /// <summary>The zone every scenario declares: SRV _mmm._tcp.domain → mmm.domain at the service's port, TXT path=, A 127.0.0.1.</summary>
    [Given(@"the service is announced in DNS for (\S+) by SRV, TXT path and A records")]
    public void GivenTheAnnouncement(string domain) => target.AnnouncedDomain = domain;

    [Given("the reference service in the (draft-03|reference) profile")]
    public Task GivenTheService(string profile) => Start(profile, null);

    [Given(@"the reference service in the (draft-03|reference) profile with a request limit of (\d+) bytes")]
    public Task GivenTheServiceWithALimit(string profile, int bytes) => Start(profile, o => o with { BytesMax = bytes });

    [Given("the reference service in the (draft-03|reference) profile accepting JSON-B and JSON-C")]
    public Task GivenTheServiceWithBinaryEncodings(string profile) => Start(profile, o => o with { BinaryEncodings = true });

    [Given("the reference service in the (draft-03|reference) profile with 2020 container names")]
    public Task GivenTheServiceWith2020Names(string profile) => Start(profile, o => o with { Spelling = ContainerSpelling.Names2020 });

    [Given("the reference service in the (draft-03) profile answering Status with the device's catalog entry")]
    public Task GivenTheServiceWithDeviceEntries(string profile) =>
        Start(profile, o => o with { Variations = [Mesh.Service.Variations.ServiceVariations.StatusDeviceEntry] });

    [Given("the reference service in the (draft-03|reference) profile over TLS")]
    public Task GivenTheServiceOverTls(string profile) => Start(profile, null, tls: true);

    [Given("the reference service in the (draft-03) profile with DARE encapsulation")]
    public Task GivenTheServiceWithDare(string profile) => Start(profile, o => o with { DareEncapsulation = true });

    async Task Start(string profile, Func<ServiceOptions, ServiceOptions>? configure, bool tls = false)
    {
        Skip.If(SuiteSettings.Current.Profile is { } selected && selected != profile, $"profile {profile} is not selected in this run");
        await target.StartAsync(ProtocolProfiles.Parse(profile), configure, tls);
        await target.ConnectAsync();
    }

    /// <summary>A precondition of the scenarios about encodings a service did not advertise; a target that offers it is not the case.</summary>
    [Given(@"the service does not offer (\S+)")]
    public async Task GivenNotOffered(string contentType)
    {
        if (!await target.OffersEncodingAsync(contentType)) return;
        throw target.Target.PreconditionFails($"the service offers {contentType}");
    }

    [Then("the connection to the service negotiated TLS 1.3")]
    public async Task ThenTls13() =>
        Scenarios.Expect.Equal(System.Security.Authentication.SslProtocols.Tls13, await target.NegotiatedTlsAsync(),
            "TLS version 1.3 or higher MUST be supported (draft §4.2.1)");
}
