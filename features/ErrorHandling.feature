Feature: Error handling
  Bad input gets a clear refusal and changes nothing (draft §4.5, docs/service.md, A29).
  The reference profile has no unknown-transaction scenario: the author's service leaves an unknown transaction
  unhandled and gives no answer at all (A29), which is nothing a target could be held to.

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:error-malformed-json @spec:4.5 @must @req:H11 @req:H17 @req:D15
  Scenario Outline: Malformed JSON is refused with 400 in a MeshResponse
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When the client sends the body "<body>" as application/json
    Then the response status is 400
    And the response is tagged MeshResponse
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case        | body             |
      | draft-03 | truncated   | {\"Hello\": {    |
      | draft-03 | not-json    | Hello            |
      | draft-03 | empty       |                  |

  @id:error-unknown-transaction @spec:4.5 @must @req:H11
  Scenario Outline: An unknown transaction is refused with 400 in a MeshResponse
    Given the reference service in the <profile> profile
    When the client sends the body "{\"Launch\": {}}" as application/json
    Then the response status is 400
    And the response is tagged MeshResponse

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:error-wrong-member-type @spec:4.4 @must @req:H11
  Scenario Outline: A member of the wrong type is refused naming the member
    Given the reference service in the <profile> profile
    When the client sends the body "{\"Status\": {\"Account\": 42}}" as application/json
    Then the response status is 400
    And the response is tagged StatusResponse

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:error-unknown-members-ignored @spec:4.4 @should @req:H27
  Scenario Outline: Unknown members are ignored by a tolerant reader
    Given the reference service in the <profile> profile
    When the client sends the body "{\"Hello\": {\"Extension\": [1, {\"a\": true}]}}" as application/json
    Then the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:error-wrapped-base64-accepted @spec:4.4 @must @req:H27
  Scenario Outline: Base64 with the reference writer's line breaks is read
    Given the reference service in the <profile> profile
    When the client sends the body "{\"Hello\": {\"ID\": \"AAEC\n  AwQF\"}}" as application/json
    Then the response status is 201

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:error-every-member @spec:4.4 @must @unrecorded @req:H11 @req:H72 @req:H73 @req:H74 @req:H27
  Scenario Outline: Every member of every request, changed one way, gets what the service's reading requires
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 1 entries to mmm_Device
    When every member of every request of alice is sent <change>
    Then <outcome>

    @profile:draft-03
    Examples:
      | profile  | case        | change                     | outcome                                            |
      | draft-03 | wrong-type  | wrong-typed                | each is refused with 400 and changes nothing       |
      | draft-03 | duplicated  | duplicated                 | each is refused with 400 and changes nothing       |
      | draft-03 | unknown     | beside an unknown member   | each is answered as the valid request is           |
      | draft-03 | null        | null                       | each is answered as the request without the member is |
      | draft-03 | missing     | missing                    | each gets a tagged answer, and a refusal changes nothing |
      | draft-03 | empty       | empty                      | each gets a tagged answer, and a refusal changes nothing |

  @id:error-request-shape @spec:4.4 @must @req:H11
  Scenario Outline: A body that is not one tagged request object is refused with 400
    Given the reference service in the <profile> profile
    When the client sends the body "<body>" as application/json
    Then the response status is 400

    @profile:draft-03
    Examples:
      | profile  | case        | body                                                                 |
      | draft-03 | two-tags    | {\"Hello\": {}, \"Status\": {\"Account\": \"alice@example.com\"}}    |
      | draft-03 | doubled-tag | {\"Hello\": {}, \"Hello\": {}}                                       |
      | draft-03 | tag-array   | {\"Hello\": []}                                                      |
      | draft-03 | nesting     | {\"Hello\": {\"Deep\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}} |
