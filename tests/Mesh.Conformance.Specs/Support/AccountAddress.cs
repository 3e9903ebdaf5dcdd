using Mesh.Conformance.Drivers;
using TechTalk.SpecFlow;

namespace Mesh.Conformance.Specs.Support;

/// <summary>
/// An account address of the feature text as the target knows it: as written against the embedded service,
/// the scenario's own account on a foreign target (<see cref="ServiceTargetDriver.Account"/>).
/// </summary>
public sealed record AccountAddress(string Value)
{
    public static implicit operator string(AccountAddress address) => address.Value;
    public override string ToString() => Value;
}

[Binding]
public sealed class AccountAddressTransformation(ServiceTargetDriver target)
{
    [StepArgumentTransformation]
    public AccountAddress ToAccount(string text) => new(target.Account(text));
}
