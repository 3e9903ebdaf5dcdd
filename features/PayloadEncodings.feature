Feature: Payload encodings
  JSON always; JSON-B and JSON-C when the service advertises them (draft §4.4, encoding.md §2, A26).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:encoding-json-b @spec:4.4 @may @req:D33 @req:D12 @req:D14
  Scenario Outline: A service that advertises JSON-B and JSON-C answers in the request's encoding
    Given the reference service in the <profile> profile accepting JSON-B and JSON-C
    When the client sends Hello in <encoding>
    Then the response status is 201
    And the response header Content-Type is "<type>"

    @profile:draft-03
    Examples:
      | profile  | case   | encoding | type               |
      | draft-03 | json-b | JSON-B   | application/json-b |
      | draft-03 | json-c | JSON-C   | application/json-c |

  @id:encoding-advertised @spec:4.4 @should @req:H36 @req:D12
  Scenario Outline: Hello lists the binary encodings the service accepts
    Given the reference service in the <profile> profile accepting JSON-B and JSON-C
    When the client sends Hello
    Then the Hello response lists the encodings application/json, application/json-b, application/json-c

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
