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

  @id:connect-response-members @spec:8 @must @req:R05
  Scenario Outline: Connect answers with the account's profile and assertion and the request as sent
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When the device "alice's phone" connects to alice@example.com
    Then the response status is 201
    And the Connect response carries the Mesh profile and the account assertion alice created the account with
    And the acknowledgement holds the connection request of the device "alice's phone" as it was sent to alice@example.com

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

  @id:connect-pin-identifier-opaque @spec:8.2 @must @req:H82 @req:R05
  Scenario Outline: A connection request carrying a PIN identifier is answered as any other, the identifier kept as sent
    In the PIN-authenticated mode the administration device issues the PIN and checks it when it accepts the device
    (§8.2); draft-03 gives the service no PIN to check, so the identifier is the request's, opaque to the service.
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When the device "alice's phone" connects to alice@example.com with the PIN identifier "<pin>"
    Then the response status is 201
    And the acknowledgement holds the connection request of the device "alice's phone" with the PIN identifier "<pin>" as it was sent to alice@example.com

    @profile:draft-03
    Examples:
      | profile  | pin                            |
      | draft-03 | NBSW-Y3DP-EB3W-64TM-MQQG-I3DP |

    @profile:reference
    Examples:
      | profile   | pin                            |
      | reference | NBSW-Y3DP-EB3W-64TM-MQQG-I3DP |

  @id:connect-hostile-signatures @spec:8 @must @req:H22 @req:H12 @req:H17
  Scenario Outline: A device profile or connection request whose signature is hostile is refused
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When the device "alice's phone" connects to alice@example.com with <signed> carrying <flaw>
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case                   | signed                 | flaw                                        |
      | draft-03 | profile-flipped-bit    | its device profile     | a flipped bit in its signature              |
      | draft-03 | profile-short          | its device profile     | its signature one byte short                |
      | draft-03 | profile-long           | its device profile     | its signature one byte longer               |
      | draft-03 | profile-s-not-reduced  | its device profile     | its signature's S raised by the group order |
      | draft-03 | profile-kid-other-key  | its device profile     | a kid naming another key                    |
      | draft-03 | profile-kid-too-short  | its device profile     | a kid of only 60 bits of its key's UDF      |
      | draft-03 | profile-digest-flipped | its device profile     | a flipped bit in its PayloadDigest          |
      | draft-03 | profile-no-digest      | its device profile     | no PayloadDigest                            |
      | draft-03 | profile-ed25519        | its device profile     | an Ed25519 signature under its kid          |
      | draft-03 | request-flipped-bit    | its connection request | a flipped bit in its signature              |
      | draft-03 | request-short          | its connection request | its signature one byte short                |
      | draft-03 | request-long           | its connection request | its signature one byte longer               |
      | draft-03 | request-s-not-reduced  | its connection request | its signature's S raised by the group order |
      | draft-03 | request-kid-other-key  | its connection request | a kid naming another key                    |
      | draft-03 | request-kid-too-short  | its connection request | a kid of only 60 bits of its key's UDF      |
      | draft-03 | request-digest-flipped | its connection request | a flipped bit in its PayloadDigest          |
      | draft-03 | request-no-digest      | its connection request | no PayloadDigest                            |
      | draft-03 | request-ed25519        | its connection request | an Ed25519 signature under its kid          |

  @id:connect-small-order-key @spec:8 @must @req:H22 @req:H12 @req:H17
  Scenario Outline: A device profile whose key is the identity point, signed by it, is refused
    R = identity and S = 0 satisfy the verification equation for every message under that key (RFC 8032 §5.2.7
    without a check of the key's order), so a verifier that accepts keys of small order accepts this forgery.
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When the device "alice's phone" connects to alice@example.com with a device profile whose offline key is the identity point
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
