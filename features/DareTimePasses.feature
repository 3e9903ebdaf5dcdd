@encapsulation @xunit:collection(MovesTheClock)
Feature: DARE tickets and the replay window as time passes
  What needs time to pass under DARE encapsulation: a ticket's lifetime and the replay window (draft §4.3,
  docs/encapsulation.md). A scenario moves the embedded service's clock itself, and a target's through its test
  clock (serve --test-clock, docs/third-party.md); against a target without one these scenarios SKIP. They run
  alone, after the others: moving a target's clock would expire the tickets of the scenarios running beside them.

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:dare-ticket-authentication @spec:4.3.4 @must @req:H04
  Scenario Outline: Tickets authenticate later requests until they expire
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    And alice asks for the status of alice@example.com over DARE
    When alice asks for the status of alice@example.com over DARE
    Then the response status is 201
    And the request went with a ticket MAC
    When 2 hours pass
    And alice asks for the status of alice@example.com over DARE
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-ticket-expiry-instant @spec:4.3.4 @must @req:H04
  Scenario Outline: A ticket is good until the instant it expires, and not at that instant
    A ticket lives one hour from its issue (docs/encapsulation.md); its expiry instant is the first it is refused.
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    And alice asks for the status of alice@example.com over DARE
    When 59 minutes pass
    And alice asks for the status of alice@example.com over DARE
    Then the response status is 201
    And the request went with a ticket MAC
    When 1 minute passes
    And alice asks for the status of alice@example.com over DARE
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-replay-inside-the-window @spec:4.3 @must @req:H07
  Scenario Outline: A request replayed later within the ticket lifetime is still refused
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    When alice asks for the status of alice@example.com over DARE
    And 30 minutes pass
    And the same request envelope is sent again
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
