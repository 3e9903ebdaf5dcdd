Feature: Hello
  A client learns the service's protocol versions, encodings, limits and credentials (draft §5).
  Hello is the one transaction allowed without authentication.

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:hello-offers-version-3 @spec:5 @must @req:D22 @req:D13 @req:H10 @req:H19
  Scenario Outline: Hello answers 201 with protocol version 3.0 and JSON among the encodings
    Given the reference service in the <profile> profile
    When the client sends Hello
    Then the response status is 201
    And the response is tagged MeshHelloResponse
    And the Hello response offers version 3.0
    And the Hello response lists application/json among the encodings
    And the client found nothing wrong with the response

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

    @profile:reference
    Examples:
      | profile   |
      | reference |

  @id:hello-profiles-are-signed @spec:5 @must @req:D22
  Scenario Outline: The service and host profiles in Hello verify under the keys they name
    Given the reference service in the <profile> profile
    When the client sends Hello
    Then the EnvelopedProfileService is signed by the key its profile names
    And the EnvelopedProfileHost is signed by the key its profile names

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

    @profile:reference
    Examples:
      | profile   |
      | reference |

  @id:hello-advertises-limits-and-policy @spec:5 @should @req:H21 @req:H15 @req:H63 @req:H35
  Scenario Outline: Hello advertises the request limit and the account name policy
    Given the reference service in the <profile> profile
    When the client sends Hello
    Then the Hello response advertises a request limit of 65536 bytes
    And the Hello response advertises the account name policy
    And the response carries only the members its type defines

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:hello-reference-shape @spec:5 @must @req:H18
  Scenario Outline: In the reference profile Hello has exactly the members of the recorded example
    Given the reference service in the <profile> profile
    When the client sends Hello
    Then the Hello response has exactly the members Status, Version, EnvelopedProfileService, EnvelopedProfileHost

    @profile:reference
    Examples:
      | profile   |
      | reference |

  @id:hello-echoes-request-id @spec:4.1 @may @req:H20
  Scenario Outline: A request identifier is echoed in the response
    Given the reference service in the <profile> profile
    When the client sends Hello with the request identifier "request-1"
    Then the response echoes the request identifier "request-1"

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
