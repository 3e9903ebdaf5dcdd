@encapsulation
Feature: DARE message encapsulation
  Requests and responses travel as DARE envelopes: null authentication for Hello only, device, profile and
  ticket authentication, encryption over plain transport (draft §4.3, decisions.md §2). A target that does
  not implement the encapsulation reports these scenarios UNSUPPORTED.

  @id:dare-null-authentication-hello-only @spec:4.3 @must
  Scenario Outline: Null authentication is accepted for Hello and refused for other transactions
    Given the reference service in the <profile> profile
    And the service supports DARE message encapsulation
    When the client sends Hello
    Then the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-profile-authentication @spec:4.3.3 @must
  Scenario Outline: User transactions need profile authentication
    Given the reference service in the <profile> profile
    And the service supports DARE message encapsulation
    When alice asks for the status of alice@example.com
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
