using Mesh.Conformance.Drivers;
using Mesh.Conformance.Simulation;
using TechTalk.SpecFlow;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>The simulator inside the suite (docs/simulation.md): thin steps over <see cref="SimulationDriver"/>.</summary>
[Binding]
public sealed class SimulationSteps(SimulationDriver simulation)
{
    [Given(@"a simulation of (\d+) accounts with (\d+) devices each, (\d+) steps, seed (\d+)")]
    public void GivenASimulation(int accounts, int devices, int steps, int seed) =>
        simulation.Options = simulation.Options with { Accounts = accounts, DevicesPerAccount = devices, Steps = steps, Seed = seed };

    [Given("every simulator fault is on")]
    public void GivenEveryFault() => simulation.Options = simulation.Options with { Faults = FaultPlan.All };

    [Given("the simulation uses DARE encapsulation")]
    public void GivenDare() => simulation.RequireEncapsulation();

    [When("the simulation runs")]
    public Task WhenItRuns() => simulation.RunAsync();

    [Then("every invariant holds")]
    public void ThenEveryInvariantHolds() => simulation.ExpectEveryInvariantHeld();

    [Then("every fault that applies was injected at least once")]
    public void ThenEveryFaultInjected() => simulation.ExpectEveryApplicableFaultInjected();

    [Then("these invariants were checked: (.*)")]
    public void ThenChecked(string names) => simulation.ExpectChecked(names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
