@encapsulation
Feature: Authorisation under DARE
  Who may make which request of an account (draft §4.3.3, A8 in docs/ambiguities.md): the account's
  administrator, its connected devices, a removed device, another account's device, a stranger and an
  anonymous sender, each sending every transaction through its own DARE session. Apart from the other
  DARE scenarios so that the matrix's rows, each with its own accounts and devices, run beside them.
  A target that does not implement the encapsulation reports these scenarios UNSUPPORTED.

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:dare-authorisation-matrix @spec:4.3.3 @must @req:H03 @req:H78 @req:H17
  Scenario Outline: Each transaction is served to the actors entitled to it and refused to every other
    A8 (docs/ambiguities.md): Admin requests come from the holder of the Mesh profile, User requests from a device
    connected to the account. Anyone authenticated may post to an account; a removed device, a stranger's key and
    an anonymous request are refused everything; DeleteAccount is the administrator's alone.
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    And bob has created the account bob@example.com over DARE
    And the device "alice's phone" has been connected to alice@example.com by alice over DARE
    And the device "alice's tablet" has been connected to alice@example.com by alice over DARE
    And alice has removed the device "alice's tablet" from alice@example.com
    And the device "bob's phone" has been connected to bob@example.com by bob over DARE
    When <actor> sends <transaction> on alice@example.com over DARE
    Then the response status is <status>, and a refusal changes nothing

    @profile:draft-03
    Examples:
      | profile  | case                               | actor                       | transaction   | status |
      | draft-03 | administrator-status               | the account's administrator | Status        | 201    |
      | draft-03 | administrator-download             | the account's administrator | Download      | 201    |
      | draft-03 | administrator-upload               | the account's administrator | Upload        | 201    |
      | draft-03 | administrator-post                 | the account's administrator | Post          | 201    |
      | draft-03 | administrator-deleteaccount        | the account's administrator | DeleteAccount | 201    |
      | draft-03 | device-status                      | a connected device          | Status        | 201    |
      | draft-03 | device-download                    | a connected device          | Download      | 201    |
      | draft-03 | device-upload                      | a connected device          | Upload        | 201    |
      | draft-03 | device-post                        | a connected device          | Post          | 201    |
      | draft-03 | device-deleteaccount               | a connected device          | DeleteAccount | 401    |
      | draft-03 | removed-device-status              | a removed device            | Status        | 401    |
      | draft-03 | removed-device-download            | a removed device            | Download      | 401    |
      | draft-03 | removed-device-upload              | a removed device            | Upload        | 401    |
      | draft-03 | removed-device-post                | a removed device            | Post          | 401    |
      | draft-03 | removed-device-deleteaccount       | a removed device            | DeleteAccount | 401    |
      | draft-03 | other-account-device-status        | another account's device    | Status        | 401    |
      | draft-03 | other-account-device-download      | another account's device    | Download      | 401    |
      | draft-03 | other-account-device-upload        | another account's device    | Upload        | 401    |
      | draft-03 | other-account-device-post          | another account's device    | Post          | 201    |
      | draft-03 | other-account-device-deleteaccount | another account's device    | DeleteAccount | 401    |
      | draft-03 | stranger-status                    | a stranger                  | Status        | 401    |
      | draft-03 | stranger-download                  | a stranger                  | Download      | 401    |
      | draft-03 | stranger-upload                    | a stranger                  | Upload        | 401    |
      | draft-03 | stranger-post                      | a stranger                  | Post          | 401    |
      | draft-03 | stranger-deleteaccount             | a stranger                  | DeleteAccount | 401    |
      | draft-03 | anonymous-status                   | an anonymous sender         | Status        | 401    |
      | draft-03 | anonymous-download                 | an anonymous sender         | Download      | 401    |
      | draft-03 | anonymous-upload                   | an anonymous sender         | Upload        | 401    |
      | draft-03 | anonymous-post                     | an anonymous sender         | Post          | 401    |
      | draft-03 | anonymous-deleteaccount            | an anonymous sender         | DeleteAccount | 401    |

  @id:dare-delete-by-administrator-only @spec:6 @must @req:H78 @req:H17
  Scenario Outline: DeleteAccount is made by the account's administrator, not by a connected device
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    And the device "alice's phone" has been connected to alice@example.com by alice over DARE
    When the device "alice's phone" deletes the account alice@example.com over DARE
    Then the response status is 401
    And the service's state has not changed
    When alice deletes the account alice@example.com over DARE
    Then the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
