Feature: Error handling
  Bad input gets a clear refusal and changes nothing (draft §4.5, protocol.md §3.5, decisions.md §4, A29).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:error-malformed-json @spec:4.5 @must @req:H11 @req:H17 @req:D15
  Scenario Outline: Malformed JSON is refused with 400 and a reason
    Given the reference service in the <profile> profile
    When the client sends the body "<body>" as application/json
    Then the response status is 400
    And the response is tagged MeshResponse
    And the response description says "<reason>"
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case        | body             | reason                    |
      | draft-03 | truncated   | {\"Hello\": {    | Unexpected end of input   |
      | draft-03 | not-json    | Hello            | Unexpected character      |
      | draft-03 | empty       |                  | Malformed request         |

  @id:error-unknown-transaction @spec:4.5 @must @req:H11
  Scenario Outline: An unknown transaction is refused with 400 in a MeshResponse
    Given the reference service in the <profile> profile
    When the client sends the body "{\"Launch\": {}}" as application/json
    Then the response status is 400
    And the response is tagged MeshResponse
    And the response description says "The requested operation is not known to this server."

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

    @profile:reference
    Examples:
      | profile   |
      | reference |

  @id:error-wrong-member-type @spec:4.4 @must @req:H11
  Scenario Outline: A member of the wrong type is refused naming the member
    Given the reference service in the <profile> profile
    When the client sends the body "{\"Status\": {\"Account\": 42}}" as application/json
    Then the response status is 400
    And the response is tagged StatusResponse
    And the response description says "$.Status.Account must be a string"

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:error-unknown-members-ignored @spec:4.4 @should
  Scenario Outline: Unknown members are ignored by a tolerant reader
    Given the reference service in the <profile> profile
    When the client sends the body "{\"Hello\": {\"Extension\": [1, {\"a\": true}]}}" as application/json
    Then the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:error-wrapped-base64-accepted @spec:4.4 @must
  Scenario Outline: Base64 with the reference writer's line breaks is read
    Given the reference service in the <profile> profile
    When the client sends the body "{\"Hello\": {\"ID\": \"AAEC\n  AwQF\"}}" as application/json
    Then the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
