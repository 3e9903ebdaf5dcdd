Feature: Status
  A device learns the state of the account's containers (draft §7.1, A16–A18).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:status-reports-containers @spec:7.1 @must @req:D25 @req:H24 @req:H64
  Scenario Outline: Status reports every existing container with its entry count
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 3 entries to mmm_Device
    When alice asks for the status of alice@example.com
    Then the response status is 201
    And the status reports the containers mmm_Inbound (1), mmm_Local (1), mmm_Device (3)
    And the status carries the Mesh profile of alice

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:status-selected-containers @spec:7.1 @should @req:H24
  Scenario Outline: Status reports only the containers asked for
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 2 entries to mmm_Device
    When alice asks for the status of alice@example.com for the containers mmm_Device, mmm_Bookmark
    Then the status reports the containers mmm_Device (2)

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:status-reference-fixed-list @spec:7.1 @must @req:R02
  Scenario Outline: The reference reports its fixed list, new containers with index 1
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When alice asks for the status of alice@example.com
    Then the status reports the containers mmm_Inbound (1), mmm_Credential (1), mmm_Device (1), mmm_Contact (1), mmm_Application (1), mmm_Bookmark (1), mmm_Calendar (1)

    @profile:reference
    Examples:
      | profile   |
      | reference |

  @id:status-unknown-account @spec:7.1 @must @req:H13 @req:H62
  Scenario Outline: Status of an account the service does not hold is refused
    Given the reference service in the <profile> profile
    When alice asks for the status of nobody@example.com
    Then the response status is <status>
    And the response is tagged StatusResponse

    @profile:draft-03
    Examples:
      | profile  | status |
      | draft-03 | 404    |

    @profile:reference
    Examples:
      | profile   | status |
      | reference | 400    |

  @id:status-needs-account @spec:7.1 @must @req:H11 @req:H62
  Scenario Outline: A User transaction that names no account is refused
    Given the reference service in the <profile> profile
    When a status request names no account
    Then the response status is 400

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:status-apex-digest @spec:7.1 @should @req:H67
  Scenario Outline: Status reports a container's digest as its last entry carries it
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 3 entries with tree digests to mmm_Contact
    When alice asks for the status of alice@example.com
    Then the status reports for mmm_Contact the tree digest of its last entry

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:status-device-entry @spec:7.1 @may @req:H65
  Scenario Outline: A Status answer that carries the device's catalog entry carries it as uploaded
    EnvelopedCatalogEntryDevice is optional (A19): a service may return the catalog entry of the device a Status
    names, and a client reads the answer with or without it. A target that returns none is UNSUPPORTED.
    Given the reference service in the <profile> profile answering Status with the device's catalog entry
    And alice has created the account alice@example.com
    And the device "alice's phone" has asked to connect to alice@example.com
    And alice has accepted the device "alice's phone"
    When alice asks for the status of alice@example.com naming the device "alice's phone"
    Then the response status is 201
    And the client found nothing wrong with the response
    And the status carries the catalog entry of the device "alice's phone" as it was uploaded to alice@example.com

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
