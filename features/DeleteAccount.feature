Feature: DeleteAccount
  An account binding is removed (draft §6, A23).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:delete-account-removes-it @spec:6 @must @req:D24 @req:H34
  Scenario Outline: A deleted account is gone and its name can be created again
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When alice deletes the account alice@example.com
    Then the response status is 201
    And the response is tagged DeleteResponse
    When alice asks for the status of alice@example.com
    Then the response status is <after>
    When alice creates the account alice@example.com
    Then the response status is 201

    @profile:draft-03
    Examples:
      | profile  | after |
      | draft-03 | 404   |

    @profile:reference
    Examples:
      | profile   | after |
      | reference | 400   |

  @id:delete-account-unknown @spec:6 @should @req:H13 @req:H17
  Scenario Outline: Deleting an account that does not exist is refused
    Given the reference service in the <profile> profile
    When alice deletes the account nobody@example.com
    Then the response status is <status>
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | status |
      | draft-03 | 404    |

    @profile:reference
    Examples:
      | profile   | status |
      | reference | 201    |
