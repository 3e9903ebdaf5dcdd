Feature: HTTP binding
  Every transaction is one POST to the well-known path (draft §4.2, A1, A9, A27).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:binding-well-known-path @spec:4.2.3 @must @req:D01 @req:D06 @req:H30
  Scenario Outline: The service answers on the well-known path with and without the trailing slash
    Given the reference service in the <profile> profile
    When the client sends a POST request to "<path>"
    Then the HTTP status is 200
    And the response is tagged MeshHelloResponse
    And the response header Content-Type is "application/json"

    @profile:draft-03
    Examples:
      | profile  | case     | path              |
      | draft-03 | slash    | /.well-known/mmm/ |
      | draft-03 | no-slash | /.well-known/mmm  |

  @id:binding-wrong-path @spec:4.2.3 @must @req:H30 @req:D15
  Scenario Outline: Other paths are not the service
    Given the reference service in the <profile> profile
    When the client sends a POST request to "/well-known/mmm/"
    Then the HTTP status is 404
    And the response is tagged MeshResponse

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:binding-post-only @spec:4.2.2 @must @req:H30 @req:D06 @req:D15
  Scenario Outline: Methods other than POST are refused
    Given the reference service in the <profile> profile
    When the client sends a GET request to "/.well-known/mmm/"
    Then the HTTP status is 405

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:binding-content-type @spec:4.4 @must @req:D12 @req:H16
  Scenario Outline: A body in an encoding the service did not advertise is refused with 415
    Given the reference service in the <profile> profile
    And the service does not offer <type>
    When the client sends the body "{\"Hello\": {}}" as <type>
    Then the HTTP status is 415

    @profile:draft-03
    Examples:
      | profile  | case   | type               |
      | draft-03 | text   | text/plain         |
      | draft-03 | json-b | application/json-b |

  @id:binding-request-limit @spec:4.2.3 @must @req:H15 @req:D15
  Scenario Outline: A request larger than the advertised limit is refused with 413
    Given the reference service in the <profile> profile with a request limit of 2048 bytes
    When carol posts a message of 3000 bytes to alice@example.com
    Then the HTTP status is 413

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:binding-payload-status-authoritative @spec:4.5 @must @req:D16 @req:H09
  Scenario Outline: The payload Status is authoritative and the HTTP status follows the profile
    Given the reference service in the <profile> profile
    When alice asks for the status of nobody@example.com
    Then the HTTP status is <http>
    And the response status is <status>

    @profile:draft-03
    Examples:
      | profile  | http | status |
      | draft-03 | 404  | 404    |

    @profile:reference
    Examples:
      | profile   | http | status |
      | reference | 200  | 400    |

  @id:binding-tls-1-3 @spec:4.2.1 @must @req:D04 @req:D02 @req:H08
  Scenario Outline: The service offers TLS 1.3
    Given the reference service in the <profile> profile over TLS
    When the client sends Hello
    Then the response status is 201
    And the connection to the service negotiated TLS 1.3

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
