using Mesh.Client.Accounts;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Specs.Support;
using Mesh.Service;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>The Status transaction (draft §7.1).</summary>
[Binding]
public sealed class StatusSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors) : TransactionStepBase(target, transactions, actors)
{
    [When(@"(\w+) asks for the status of (\S+)")]
    public Task WhenStatus(string holder, AccountAddress account) => Transactions.SendAsync(new StatusRequest { Account = account });

    [When(@"(\w+) asks for the status of (\S+) for the containers (.*)")]
    public Task WhenStatusOf(string holder, AccountAddress account, string containers) =>
        Transactions.SendAsync(new StatusRequest { Account = account, Catalogs = [.. containers.Split(", ")] });

    [When("a status request names no account")]
    public Task WhenStatusWithoutAccount() => Transactions.SendAsync(new StatusRequest());

    [Then(@"the status carries the Mesh profile of (\w+)")]
    public void ThenTheProfile(string holder)
    {
        // The envelope as CreateAccount sent it, signatures included: a service that keeps the payload and drops the
        // signature returns a profile no device can verify.
        var sent = CreateRequestOf(holder, Target.Account(holder)).SignedProfileMesh!;
        var returned = Typed<StatusResponse>().EnvelopedProfileMaster;
        Equal(Convert.ToHexString(sent.Payload), Convert.ToHexString(returned?.Payload ?? []), "Status returns the Mesh profile given at CreateAccount", WireText);
        Equal(sent.Trailer?.Signatures?.Count ?? 0, returned?.Trailer?.Signatures?.Count ?? 0,
            "Status returns the Mesh profile with the signatures it was given (A21)", WireText, Target.Profile == ProtocolProfile.Reference ? null : "H22");
        That(Target.Profile == ProtocolProfile.Reference || SignedObjects.OpenProfile<ProfileMesh>(returned!).Result.IsValid,
            "The Mesh profile Status returns verifies under its own offline key", "a valid self-signature", WireText, "H22");
    }

    [Then(@"the status reports the containers (.*)")]
    public void ThenTheContainers(string containers) =>
        Equal(containers, string.Join(", ", Typed<StatusResponse>().ContainerStatus?.Select(c => $"{c.Container} ({c.Index})") ?? []), "Status reports each container with its entry count", WireText,
            Target.Profile == ProtocolProfile.Reference ? "R02" : "H24");

    [When(@"(\w+) asks for the status of (\S+) naming the device ""(.*)""")]
    public Task WhenStatusNamingDevice(string holder, AccountAddress account, string device) =>
        Transactions.SendAsync(new StatusRequest { Account = account, DeviceUDF = Actors.Device(device).DeviceUdf });

    /// <summary>
    /// The optional EnvelopedCatalogEntryDevice (A19), where the answer carries it: the last device-catalog entry the
    /// scenario uploaded for that device, byte for byte. An answer without it is UNSUPPORTED, an optional member absent.
    /// </summary>
    [Then(@"the status carries the catalog entry of the device ""(.*)"" as it was uploaded to (\S+)")]
    public void ThenTheDeviceEntry(string device, AccountAddress account)
    {
        var entry = Typed<StatusResponse>().EnvelopedCatalogEntryDevice
            ?? throw Target.Unsupported("the Status answer carries no EnvelopedCatalogEntryDevice (optional, A19)");
        var udf = Actors.Device(device).DeviceUdf;
        var uploaded = Transactions.Uploaded(account, Target.Containers.Device).LastOrDefault(e => EnvelopeReader.TryMeta(e)?.UniqueID == udf)
            ?? throw new InvalidOperationException($"the step is misused: no catalog entry of \"{device}\" was uploaded");
        Equal(Convert.ToHexString(uploaded.Payload), Convert.ToHexString(entry.Payload),
            "EnvelopedCatalogEntryDevice is the device's catalog entry as uploaded (A19)", WireText, "H65");
    }
}
