using Mesh.Client;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Scenarios;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Specs.Support;

/// <summary>
/// What the step classes of every transaction share: the scenario's target, the driver that sends each request and
/// keeps its answer, the actors' keys, and the last answer read as the type a step expects.
/// </summary>
public abstract class TransactionStepBase(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors)
{
    protected ServiceTargetDriver Target { get; } = target;
    protected TransactionDriver Transactions { get; } = transactions;
    protected ActorsDriver Actors { get; } = actors;

    protected BinaryLayout Layout => Target.Client.Options.Layout;

    /// <summary>
    /// The CreateAccount <paramref name="holder"/> sends for <paramref name="account"/>: what later steps compare answers
    /// with. The reference profile's client behaves as the author's did: the Mesh profile travels unsigned (A21).
    /// </summary>
    protected CreateRequest CreateRequestOf(string holder, string account) =>
        Actors.Account(holder).CreateRequest(account, Layout, signMeshProfile: Target.Profile != Mesh.Service.ProtocolProfile.Reference);
    protected MeshResult<Response> Last => Transactions.LastResult;
    protected string WireText => Expect.WireText(Last);

    /// <summary>The state of every account the scenario named is what it was before the last request (H17).</summary>
    protected async Task ExpectStateUnchangedAsync()
    {
        if (!Target.NamedAccounts.Any())
            throw new InvalidOperationException("'the service's state has not changed' is misused: the scenario names no account whose state could change");
        Expect.Equal(Transactions.StateBefore, await Target.StateAsync(), "A refused request leaves the service's state exactly as it was (docs/service.md)", id: "H17");
    }

    /// <summary>The last answer as a <typeparamref name="T"/>; any other answer fails the step, showing what came.</summary>
    protected T Typed<T>() where T : Response =>
        Last.Response as T ?? throw new ConformanceFailure($"The response is a {typeof(T).Name}", typeof(T).Name, WireText);
}
