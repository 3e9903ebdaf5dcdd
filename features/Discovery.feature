Feature: Discovery
  A client finds the service for an account through DNS SRV and TXT records (draft §4.1, A1–A4).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:discovery-srv @spec:4.1 @must @req:D32 @req:D01
  Scenario Outline: The client follows the SRV record of _mmm._tcp to the service
    Given the reference service in the <profile> profile
    When the client discovers the service for "alice@example.com"
    And the client sends Hello
    Then the client uses "http://mmm.example.com:{port}/.well-known/mmm/"
    And the DNS server was asked for _mmm._tcp.example.com SRV
    And the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:discovery-srv-priority @spec:4.1 @should @req:H31
  Scenario Outline: SRV records are taken in priority order
    Given the reference service in the <profile> profile
    And the DNS zone:
      | name                   | type | data                            |
      | _mmm._tcp.example.com. | SRV  | 20 0 {port} backup.example.com. |
      | _mmm._tcp.example.com. | SRV  | 10 0 {port} first.example.com.  |
      | first.example.com.     | A    | 127.0.0.1                       |
      | backup.example.com.    | A    | 127.0.0.1                       |
    When the client discovers the service for "example.com"
    And the client sends Hello
    Then the client uses "http://first.example.com:{port}/.well-known/mmm/"
    And the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:discovery-txt-path @spec:4.2.3 @should @req:H31
  Scenario Outline: A TXT path attribute overrides the well-known path
    Given the reference service in the <profile> profile
    And the DNS zone:
      | name                   | type | data                                 |
      | _mmm._tcp.example.com. | SRV  | 0 0 {port} mmm.example.com.          |
      | _mmm._tcp.example.com. | TXT  | "path=/.well-known/mmm"              |
      | mmm.example.com.       | A    | 127.0.0.1                            |
    When the client discovers the service for "example.com"
    And the client sends Hello
    Then the client uses "http://mmm.example.com:{port}/.well-known/mmm"
    And the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:discovery-fallback-host @spec:4.1 @should @req:H31
  Scenario Outline: Without SRV the client falls back to mmm.<domain>
    Given the reference service in the <profile> profile
    And the DNS zone:
      | name             | type | data      |
      | mmm.example.com. | A    | 127.0.0.1 |
    When the client discovers the service for "example.com"
    Then the client uses "http://mmm.example.com/.well-known/mmm/"

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:discovery-dns-failure @spec:4.1 @must @req:H31
  Scenario Outline: A DNS failure is reported naming the query
    Given the reference service in the <profile> profile
    And the DNS zone:
      | name                   | type  | data         |
      | _mmm._tcp.example.com. | FAULT | SERVFAIL SRV |
    When the client discovers the service for "example.com"
    Then discovery fails naming "_mmm._tcp.example.com"

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:discovery-published-records @spec:4.1 @should @req:H80 @req:D32
  Scenario Outline: Every endpoint the service's domain announces is the service
    Given the reference service in the <profile> profile
    When the suite reads the discovery records the service's domain publishes
    Then every endpoint they announce answers Hello
    And every TXT path they give is an absolute path

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

    @profile:reference
    Examples:
      | profile   |
      | reference |
