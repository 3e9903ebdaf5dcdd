@encapsulation
Feature: DARE message encapsulation
  Requests and responses travel as DARE envelopes: null authentication for Hello only, device, profile and
  ticket authentication, encryption over plain transport (draft §4.3, decisions.md §2). A target that does
  not implement the encapsulation reports these scenarios UNSUPPORTED.

  @id:dare-null-authentication-hello-only @spec:4.3 @must @req:D10 @req:H01
  Scenario Outline: Null authentication is accepted for Hello and refused for other transactions
    Given the reference service in the <profile> profile
    And the service supports DARE message encapsulation
    When the client sends Hello
    Then the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-profile-authentication @spec:4.3.3 @must @req:D08 @req:H03
  Scenario Outline: User transactions need profile authentication
    Given the reference service in the <profile> profile
    And the service supports DARE message encapsulation
    When alice asks for the status of alice@example.com
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-device-authentication @spec:4.3.2 @must @req:H02 @req:D07
  Scenario Outline: CreateAccount and Connect are authenticated by the device's key
    Given the reference service in the <profile> profile
    And the service supports DARE message encapsulation
    When alice creates the account alice@example.com with an assertion signed by another key
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-ticket-authentication @spec:4.3.4 @must @req:H04
  Scenario Outline: An unknown or expired ticket is refused
    Given the reference service in the <profile> profile
    And the service supports DARE message encapsulation
    When alice asks for the status of alice@example.com
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-responses-signed-by-host @spec:4.3 @must @req:H05 @req:D08
  Scenario Outline: Responses are signed by the host key advertised in Hello
    Given the reference service in the <profile> profile
    And the service supports DARE message encapsulation
    When the client sends Hello
    Then the EnvelopedProfileHost is signed by the key its profile names

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-encrypted-on-plain-http @spec:4.3 @must @req:D09 @req:H06
  Scenario Outline: Over plain HTTP request and response payloads are encrypted
    Given the reference service in the <profile> profile
    And the service supports DARE message encapsulation
    When alice asks for the status of alice@example.com
    Then the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-replay-refused @spec:4.3 @must @req:H07
  Scenario Outline: A replayed request envelope is refused
    Given the reference service in the <profile> profile
    And the service supports DARE message encapsulation
    When alice asks for the status of alice@example.com
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:dare-post-signed-by-accredited-device @spec:9.1.1 @must @req:D18
  Scenario Outline: A posted message must be signed by a device accredited to the sender's profile
    Given the reference service in the <profile> profile
    And the service supports DARE message encapsulation
    When carol posts a message to alice@example.com
    Then the response status is 401

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
