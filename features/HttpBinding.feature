Feature: HTTP binding
  Every transaction is one POST to the well-known path (draft §4.2, A1, A9, A27).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:binding-well-known-path @spec:4.2.3 @must @req:D01 @req:D06 @req:H30 @req:H66
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

  @id:binding-http11-framing @spec:4.2.2 @must @req:D06 @req:H61
  Scenario Outline: A request in another HTTP/1.1 framing is answered as the same request
    Given the reference service in the <profile> profile
    When the client sends Hello as <form>
    Then the HTTP status is 200
    And the response is tagged MeshHelloResponse

    @profile:draft-03
    Examples:
      | profile  | case    | form                              |
      | draft-03 | chunked | a chunked body                    |
      | draft-03 | expect  | a body after Expect: 100-continue |
      | draft-03 | slow    | a slow body                       |

  @id:binding-stalled-connections @spec:4.2.2 @should @req:H81
  Scenario Outline: Connections stalled partway through a request do not keep the service from answering others
    A client that sends half a request and stops is, in the draft's words, a transaction that takes too long: "the
    message itself is an attack" (§9.1.2.1). The service may time such connections out; meanwhile it answers others.
    Given the reference service in the <profile> profile
    When 32 connections have stalled partway through a request
    And the client sends Hello on a new connection
    Then the HTTP status is 200
    And the response is tagged MeshHelloResponse
    And the answer came within 5 seconds

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:binding-any-host @spec:4.2.2 @should @req:H60
  Scenario Outline: The service does not refuse a request for the authority its Host header names
    Given the reference service in the <profile> profile
    When the client sends Hello with the Host header "<host>"
    Then the HTTP status is 200
    And the response is tagged MeshHelloResponse

    @profile:draft-03
    Examples:
      | profile  | case       | host                 |
      | draft-03 | other-name | mesh.example.net     |
      | draft-03 | upper-case | MMM.EXAMPLE.COM      |
      | draft-03 | with-port  | mmm.example.com:8443 |

  @id:binding-other-methods @spec:4.2.2 @must @req:H30 @req:D06
  Scenario Outline: Every method other than POST is refused with 405
    Given the reference service in the <profile> profile
    When the client sends a <method> request to "/.well-known/mmm/"
    Then the HTTP status is 405

    @profile:draft-03
    Examples:
      | profile  | case    | method  |
      | draft-03 | put     | PUT     |
      | draft-03 | delete  | DELETE  |
      | draft-03 | patch   | PATCH   |
      | draft-03 | options | OPTIONS |
      | draft-03 | head    | HEAD    |

  @id:binding-content-encoding @spec:4.2.2 @should @req:H68
  Scenario Outline: A body in a content coding is decoded or refused, never misread
    Given the reference service in the <profile> profile
    When the client sends Hello as a gzip-encoded body
    Then the request is answered as Hello or refused with 415 or 400

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:binding-http2 @spec:4.2.2 @may @req:H69
  Scenario Outline: A service that offers HTTP/2 answers the same request over it
    Given the reference service in the <profile> profile over TLS
    When the client sends Hello over HTTP/2
    Then the response status is 201
    And the answer came over HTTP/2

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:binding-advertised-limit @spec:4.2.3 @must @unrecorded @req:H15 @req:D15
  Scenario Outline: The size limit Hello advertises is the one applied
    Given the reference service in the <profile> profile
    When the client sends Hello padded to <relation> the advertised BytesMax
    Then the HTTP status is <http>

    @profile:draft-03
    Examples:
      | profile  | case     | relation          | http |
      | draft-03 | at-limit | exactly           | 200  |
      | draft-03 | over     | one byte more than | 413 |
