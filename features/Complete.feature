Feature: Complete
  The connecting device collects the administrator's answer (draft §8, A11).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:complete-before-acceptance @spec:8 @must @req:H25 @req:H13 @req:H17
  Scenario Outline: Complete before the administrator has answered finds nothing yet
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And the device "alice's phone" has asked to connect to alice@example.com
    When the device "alice's phone" completes its connection to alice@example.com
    Then the response status is <status>
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | status |
      | draft-03 | 404    |

    @profile:reference
    Examples:
      | profile   | status |
      | reference | 400    |

  @id:complete-after-acceptance @spec:8 @must @req:D30 @req:H25
  Scenario Outline: After acceptance Complete returns the administrator's answer
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And the device "alice's phone" has asked to connect to alice@example.com
    And alice has accepted the device "alice's phone"
    When the device "alice's phone" completes its connection to alice@example.com
    Then the response status is 201
    And the response is tagged CompleteResponse
    And the completion carries the administrator's answer

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:complete-2019-shape @spec:8 @may @req:H25
  Scenario Outline: The 2019 shape returns the device's catalog entry
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And the device "alice's phone" has asked to connect to alice@example.com
    And alice has accepted the device "alice's phone"
    When the device "alice's phone" asks for its catalog entry in alice@example.com
    Then the response status is 201
    And the response is tagged StatusResponse
    And the completion carries the catalog entry of the device "alice's phone"

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
