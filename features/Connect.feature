Feature: Connect
  A new device asks to join an account; the service acknowledges with a witness both devices show
  (draft §8).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:connect-acknowledges-with-witness @spec:8 @must @req:D29 @req:H37
  Scenario Outline: Connect returns the acknowledgement with the witness both sides compute
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When the device "alice's phone" connects to alice@example.com
    Then the response status is 201
    And the response is tagged ConnectResponse
    And the acknowledgement carries the witness both sides compute for the device "alice's phone" and alice
    And the inbound spool of alice@example.com ends with an AcknowledgeConnection message

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

    @profile:reference
    Examples:
      | profile   |
      | reference |

  @id:connect-acknowledgement-signed @spec:8 @should @req:H25
  Scenario Outline: The acknowledgement is signed by the host key advertised in Hello
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When the device "alice's phone" connects to alice@example.com
    Then the acknowledgement is signed by the host key advertised in Hello

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:connect-unknown-account @spec:8 @must @req:D29 @req:H13 @req:H17
  Scenario Outline: Connect to an account the service does not hold is refused
    Given the reference service in the <profile> profile
    When the device "alice's phone" connects to carol@example.com
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

  @id:connect-request-must-be-signed-by-device @spec:8 @must @req:H22 @req:H12 @req:H17
  Scenario Outline: A connection request not signed by a key of the device's profile is refused
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When the device "alice's phone" connects to alice@example.com with a request signed by another key
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
