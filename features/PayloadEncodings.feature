Feature: Payload encodings
  JSON always; JSON-B and JSON-C when the service advertises them (draft §4.4, docs/reference-behaviour.md §E2, A26).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:encoding-json-b @spec:4.4 @may @req:D33 @req:D12 @req:D14
  Scenario Outline: A service that advertises JSON-B and JSON-C answers every transaction in the request's encoding
    Given the reference service in the <profile> profile accepting JSON-B and JSON-C
    And alice has created the account alice@example.com
    And alice has uploaded 2 entries to mmm_Device
    And the requests are sent in <encoding>
    When <request>
    Then the response status is 201
    And the response header Content-Type is "<type>"

    @profile:draft-03
    Examples:
      | profile  | case                 | encoding | type               | request                                          |
      | draft-03 | json-b.create        | JSON-B   | application/json-b | bob creates the account bob@example.com          |
      | draft-03 | json-b.status        | JSON-B   | application/json-b | alice asks for the status of alice@example.com   |
      | draft-03 | json-b.download      | JSON-B   | application/json-b | alice downloads mmm_Device from index 0          |
      | draft-03 | json-b.upload        | JSON-B   | application/json-b | alice uploads 1 entries to mmm_Device starting at index 2 |
      | draft-03 | json-b.post          | JSON-B   | application/json-b | carol posts a message to alice@example.com       |
      | draft-03 | json-b.delete        | JSON-B   | application/json-b | alice deletes the account alice@example.com      |
      | draft-03 | json-c.create        | JSON-C   | application/json-c | bob creates the account bob@example.com          |
      | draft-03 | json-c.status        | JSON-C   | application/json-c | alice asks for the status of alice@example.com   |
      | draft-03 | json-c.download      | JSON-C   | application/json-c | alice downloads mmm_Device from index 0          |
      | draft-03 | json-c.upload        | JSON-C   | application/json-c | alice uploads 1 entries to mmm_Device starting at index 2 |
      | draft-03 | json-c.post          | JSON-C   | application/json-c | carol posts a message to alice@example.com       |
      | draft-03 | json-c.delete        | JSON-C   | application/json-c | alice deletes the account alice@example.com      |

  @id:encoding-hello-in-json @spec:4.4 @should @req:H71
  Scenario Outline: Hello in a binary encoding is refused: the encodings are learnt from its answer
    Given the reference service in the <profile> profile accepting JSON-B and JSON-C
    When the client sends Hello in <encoding>
    Then the response status is 415

    @profile:draft-03
    Examples:
      | profile  | case   | encoding |
      | draft-03 | json-b | JSON-B   |
      | draft-03 | json-c | JSON-C   |

  @id:encoding-advertised @spec:4.4 @should @req:H36 @req:D12
  Scenario Outline: Hello lists the binary encodings the service accepts
    Given the reference service in the <profile> profile accepting JSON-B and JSON-C
    When the client sends Hello
    Then the Hello response lists the encodings application/json, application/json-b, application/json-c

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:encoding-base64-form @spec:4.4 @must @req:D60 @req:H79
  Scenario Outline: Binary members are written in base64url, as one unpadded string
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When <request>
    Then every binary member of the answer is base64url, unpadded and unbroken

    @profile:draft-03
    Examples:
      | profile  | case   | request                                        |
      | draft-03 | hello  | the client sends Hello                         |
      | draft-03 | status | alice asks for the status of alice@example.com |
