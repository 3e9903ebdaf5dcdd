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

  @id:complete-after-rejection @spec:8 @must @req:D30 @req:H25
  Scenario Outline: After a rejection Complete returns the administrator's refusal, and the device is not catalogued
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And the device "alice's phone" has asked to connect to alice@example.com
    And alice has rejected the device "alice's phone"
    When the device "alice's phone" completes its connection to alice@example.com
    Then the response status is 201
    And the completion carries the administrator's rejection
    When the device "alice's phone" asks for its catalog entry in alice@example.com
    Then the response status is <absent>

    @profile:draft-03
    Examples:
      | profile  | absent |
      | draft-03 | 404    |

  @id:complete-finds-only-its-own-answer @spec:8 @must @req:H25 @req:H13 @req:H17
  Scenario Outline: A device's Complete finds its own answer, not one left for another device
    The tablet asks first, the phone second; alice answers the phone only. The ResponseID the tablet computes from
    its own acknowledgement finds nothing yet.
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And the device "alice's tablet" has asked to connect to alice@example.com
    And the device "alice's phone" has asked to connect to alice@example.com
    And alice has accepted the device "alice's phone"
    When the device "alice's tablet" completes its connection to alice@example.com
    Then the response status is 404
    And the service's state has not changed
    When the device "alice's phone" completes its connection to alice@example.com
    Then the response status is 201
    And the completion carries the administrator's answer

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:complete-never-connected @spec:8 @must @req:H25 @req:H13 @req:H17
  Scenario Outline: Complete by a device that never asked to connect finds nothing
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And the device "alice's phone" has asked to connect to alice@example.com
    And alice has accepted the device "alice's phone"
    When a device that never connected completes a connection to alice@example.com
    Then the response status is 404
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
