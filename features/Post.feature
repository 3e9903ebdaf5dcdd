Feature: Post
  Mesh messages are delivered to the recipients' inbound spools (draft "Mesh Messaging", A13, A20).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:post-delivers-to-each-recipient @spec:9 @must @req:D31 @req:H26
  Scenario Outline: A posted message reaches the inbound spool of every recipient
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And bob has created the account bob@example.com
    When carol posts a message to alice@example.com, bob@example.com
    Then the response status is 201
    And the entry results of the post are "Accept"
    And the inbound spool of alice@example.com ends with a RequestContact message
    And the inbound spool of bob@example.com ends with a RequestContact message

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:post-unknown-recipient @spec:9 @must @req:H13 @req:H17
  Scenario Outline: A post to an account the service does not hold delivers nothing
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When carol posts a message to alice@example.com, nobody@example.com
    Then the response status is 404
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:post-over-the-limit @spec:9 @must @req:H15 @req:H17
  Scenario Outline: A message larger than the advertised limit is refused
    Given the reference service in the <profile> profile with a request limit of 8192 bytes
    And alice has created the account alice@example.com
    When carol posts a message of 10000 bytes to alice@example.com
    Then the response status is 413
    And the HTTP status is 413
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:post-needs-recipients @spec:9 @must @req:H11 @req:H17
  Scenario Outline: A post without recipients is refused
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When a message is posted without recipients
    Then the response status is 400
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

    @profile:reference
    Examples:
      | profile   |
      | reference |

  @id:post-several-messages @spec:9 @must @req:H26 @req:D31
  Scenario Outline: Several messages in one Post arrive in order, each as posted
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When carol posts 3 messages to alice@example.com in one request
    Then the response status is 201
    And the inbound spool of alice@example.com ends with the messages as posted, in order

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:post-self-needs-a-sender @spec:9 @must @req:H77 @req:H17
  Scenario Outline: Post to Self without an authenticated sender is refused
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When alice posts a message to its own inbound spool as Self
    Then the response status is 400
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
