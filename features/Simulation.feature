Feature: Simulation
  Many accounts and devices at once, under every fault the simulator injects: what the protocol promises must
  still hold (docs/encapsulation.md–§4; the simulator and its invariants: docs/simulation.md).
  Against a foreign target the simulation speaks bare JSON and injects only the faults that need no control
  of the service (not its restarts, not its DNS).

  @id:simulation-invariants-under-faults @spec:7 @must @req:H32
  Scenario Outline: A small population under every fault keeps every invariant
    Given a simulation of 2 accounts with 2 devices each, 40 steps, seed 10
    And every simulator fault is on
    When the simulation runs
    Then every invariant holds
    And these invariants were checked: acknowledged-entries-kept, one-entry-per-index, devices-converge, conflicts-reported, post-exactly-once, no-5xx-for-well-formed
    And every fault that applies was injected at least once

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:simulation-unconnected-devices-refused @spec:4.3 @must @req:H33
  Scenario Outline: Under DARE encapsulation, devices not connected to an account can neither read nor write it
    Given a simulation of 2 accounts with 3 devices each, 20 steps, seed 2
    And the simulation uses DARE encapsulation
    When the simulation runs
    Then every invariant holds
    And these invariants were checked: unconnected-device-refused

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
