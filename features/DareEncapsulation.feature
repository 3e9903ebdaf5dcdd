@encapsulation
Feature: DARE message encapsulation
  Requests and responses travel as DARE envelopes: null authentication for Hello only, device, profile and
  ticket authentication, encryption over plain transport (draft §4.3, docs/encapsulation.md).
  A target that does not implement the encapsulation reports these scenarios UNSUPPORTED.

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:dare-null-authentication-hello-only @spec:4.3.1 @must @req:D10 @req:H01
  Scenario Outline: Hello goes with null authentication; anything else sent without authentication is refused
    Given the reference service in the <profile> profile with DARE encapsulation
    When the client sends Hello over DARE
    Then the response status is 201
    And the request went with null authentication
    And the answer is signed by the host key advertised in Hello
    When a bare request asks for the status of alice@example.com
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-device-authentication @spec:4.3.2 @must @req:H02 @req:D07
  Scenario Outline: CreateAccount is authenticated by a key of the Mesh profile it carries
    Given the reference service in the <profile> profile with DARE encapsulation
    When mallory, who is not on the account, signs a status request for alice@example.com
    Then the response status is 404
    Given alice has created the account alice@example.com over DARE
    When mallory, who is not on the account, signs a status request for alice@example.com
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-profile-authentication @spec:4.3.3 @must @req:D08 @req:H03
  Scenario Outline: User transactions are authenticated by the account's profile or a connected device
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    When alice asks for the status of alice@example.com over DARE
    Then the response status is 201
    And the request went with a signature
    And the answer is signed by the host key advertised in Hello
    And a ticket was issued
    When the device "alice's phone" asks for the status of alice@example.com over DARE
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-connect-flow @spec:8 @must @req:H02
  Scenario Outline: A device connects, is accepted, completes, and then authenticates with its profile
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    And the device "alice's phone" has been connected to alice@example.com by alice over DARE
    When the device "alice's phone" asks for the status of alice@example.com over DARE
    Then the response status is 201
    And the answer is encrypted
    When alice removes the device "alice's phone" from alice@example.com
    And the device "alice's phone" asks for the status of alice@example.com over DARE
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-connection-assertion-hostile @spec:4.3.3 @must @req:H03
  Scenario Outline: A device whose connection assertion's signature is hostile is not connected
    The service knows a device is connected by the ConnectionDevice in the device's catalog entry, signed by the
    account's Mesh profile (docs/encapsulation.md, profile authentication). The administrator's upload is stored as
    sent; one part of the assertion's signature broken leaves the device unauthenticated.
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    And the device "alice's phone" has been accepted on alice@example.com by alice over DARE with its connection assertion carrying <flaw>
    When the device "alice's phone" asks for the status of alice@example.com over DARE
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  | case           | flaw                                        |
      | draft-03 | flipped-bit    | a flipped bit in its signature              |
      | draft-03 | short          | its signature one byte short                |
      | draft-03 | long           | its signature one byte longer               |
      | draft-03 | s-not-reduced  | its signature's S raised by the group order |
      | draft-03 | kid-other-key  | a kid naming another key                    |
      | draft-03 | kid-too-short  | a kid of only 60 bits of its key's UDF      |
      | draft-03 | digest-flipped | a flipped bit in its PayloadDigest          |
      | draft-03 | no-digest      | no PayloadDigest                            |
      | draft-03 | ed25519        | an Ed25519 signature under its kid          |

  @id:dare-request-signature-hostile @spec:4.3.3 @must @req:D08 @req:H03
  Scenario Outline: A request envelope whose signature is hostile is refused
    A request signed by the account's Mesh profile, never sent before, with one part of its signature broken: the
    value and its length, S below the group order (RFC 8032 §5.2.7), the kid (at least 100 bits of the key's UDF,
    docs/wire.md), the PayloadDigest it signs.
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    When alice asks for the status of alice@example.com over DARE with its request envelope carrying <flaw>
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case           | flaw                                        |
      | draft-03 | flipped-bit    | a flipped bit in its signature              |
      | draft-03 | short          | its signature one byte short                |
      | draft-03 | long           | its signature one byte longer               |
      | draft-03 | s-not-reduced  | its signature's S raised by the group order |
      | draft-03 | kid-other-key  | a kid naming another key                    |
      | draft-03 | kid-too-short  | a kid of only 60 bits of its key's UDF      |
      | draft-03 | digest-flipped | a flipped bit in its PayloadDigest          |
      | draft-03 | no-digest      | no PayloadDigest                            |
      | draft-03 | ed25519        | an Ed25519 signature under its kid          |

  @id:dare-ticket-refusals @spec:4.3.4 @must @req:H04 @req:H17
  Scenario Outline: A request under a ticket that is not its own is refused
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    And bob has created the account bob@example.com over DARE
    And alice asks for the status of alice@example.com over DARE
    And bob asks for the status of bob@example.com over DARE
    When alice asks for the status of alice@example.com over DARE with <ticket>
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case       | ticket                            |
      | draft-03 | unissued   | a ticket the service never issued |
      | draft-03 | wrong-key  | a ticket whose key is wrong       |
      | draft-03 | other-user | bob's ticket                      |

  @id:dare-unopenable-request @spec:4.3 @must @req:H06 @req:H17
  Scenario Outline: A request envelope the service cannot open or cannot read is refused
    Encrypted to a key other than the service's, the request cannot be opened (401); an envelope that is not
    well-formed is a malformed request (400). Neither changes anything (docs/encapsulation.md).
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    When alice sends <body> over DARE
    Then the response status is <status>
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case             | body                                                         | status |
      | draft-03 | other-recipient  | a status request encrypted to another key than the service's | 401    |
      | draft-03 | cut-short        | a request envelope cut short                                 | 400    |
      | draft-03 | five-numbers     | a request envelope of five numbers                           | 400    |

  @id:dare-responses-signed-by-host @spec:4.3 @must @req:H05
  Scenario Outline: Every answer is signed by the host key advertised in Hello
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    When alice asks for the status of alice@example.com over DARE
    Then the answer is signed by the host key advertised in Hello

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-encrypted-on-plain-http @spec:4.3 @must @req:D09 @req:H06
  Scenario Outline: Over plain HTTP payloads are encrypted both ways; an unencrypted request is refused
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    When alice asks for the status of alice@example.com over DARE
    Then the answer is encrypted
    When alice asks for the status of alice@example.com over DARE without encryption
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-replay-refused @spec:4.3 @must @req:H07
  Scenario Outline: A replayed request envelope is refused
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    When alice asks for the status of alice@example.com over DARE
    And the same request envelope is sent again
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-post-needs-authenticated-sender @spec:9.1.1 @must @req:D18
  Scenario Outline: A post is accepted only from an authenticated sender, each message signed by the sender's key
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    And bob has created the account bob@example.com over DARE
    When bob posts a message to alice@example.com over DARE
    Then the response status is 401
    When bob asks for the status of bob@example.com over DARE
    And bob posts a message to alice@example.com over DARE
    Then the response status is 201
    When bob posts an unsigned message to alice@example.com over DARE
    Then the response status is 401
    When bob posts a message signed by another key to alice@example.com over DARE
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-post-message-signature-hostile @spec:9.1.1 @must @req:D18 @req:H17
  Scenario Outline: A posted message whose signature is hostile is refused and nothing is delivered
    Draft §9.1.1: "The DARE Message MUST be signed under a device signature key accredited by a Device Connection
    Assertion provided in the message signature block." A message signed by the sender's key with one part of
    that signature broken is not so signed.
    Given the reference service in the <profile> profile with DARE encapsulation
    And alice has created the account alice@example.com over DARE
    And bob has created the account bob@example.com over DARE
    And bob asks for the status of bob@example.com over DARE
    When bob posts a message carrying <flaw> to alice@example.com over DARE
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case           | flaw                                        |
      | draft-03 | flipped-bit    | a flipped bit in its signature              |
      | draft-03 | short          | its signature one byte short                |
      | draft-03 | long           | its signature one byte longer               |
      | draft-03 | s-not-reduced  | its signature's S raised by the group order |
      | draft-03 | kid-other-key  | a kid naming another key                    |
      | draft-03 | kid-too-short  | a kid of only 60 bits of its key's UDF      |
      | draft-03 | digest-flipped | a flipped bit in its PayloadDigest          |
      | draft-03 | no-digest      | no PayloadDigest                            |
      | draft-03 | ed25519        | an Ed25519 signature under its kid          |
