Feature: Upload
  Devices append entries to the account's containers (draft §7.3, A14).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:upload-accepts-entries @spec:7.3 @must @req:D28 @req:H23
  Scenario Outline: Entries uploaded at the container's next index are accepted, each with its index
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When alice uploads 3 entries to mmm_Device starting at index 0
    Then the response status is 201
    And the entry results are "Accept 0, Accept 1, Accept 2"
    And mmm_Device holds 3 entries for alice@example.com

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:upload-stale-index-conflict @spec:7.3 @must @req:H23 @req:H14 @req:H17
  Scenario Outline: An upload at a stale index is a conflict and stores nothing
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 3 entries to mmm_Device
    When alice uploads 2 entries to mmm_Device and 1 to mmm_Contact, both starting at index <index>
    Then the response status is 409
    And the HTTP status is 409
    And the entry results are "Conflict, Conflict, Reject"
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case   | index |
      | draft-03 | behind | 1     |
      | draft-03 | ahead  | 5     |
      | draft-03 | exists | 0     |

  @id:upload-reference-blind @spec:7.3 @may @req:R01
  Scenario Outline: The reference appends without checking indexes and returns no entries
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 2 entries to mmm_Device
    When alice uploads 1 entries to mmm_Device starting at index 1
    Then the response status is 201
    And mmm_Device holds 3 entries for alice@example.com

    @profile:reference
    Examples:
      | profile   |
      | reference |

  @id:upload-unknown-container @spec:7.3 @should @req:H13 @req:H17
  Scenario Outline: An upload to a container that is not an account container is refused
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When alice uploads 1 entries to mmm_Secrets starting at index 0
    Then the response status is 404
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:upload-self-to-inbound @spec:7.3 @should @req:H26
  Scenario Outline: Self entries land in the account's inbound spool
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When alice uploads a completion marker to the inbound spool
    Then the response status is 201
    And the inbound spool of alice@example.com ends with a MessageComplete message

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:upload-2020-container-names @spec:7.3 @may @req:H28
  Scenario Outline: Containers can use the 2020 spelling
    Given the reference service in the <profile> profile with 2020 container names
    And alice has created the account alice@example.com
    When alice uploads 2 entries to mmm/Device starting at index 0
    Then the response status is 201
    And mmm/Device holds 2 entries for alice@example.com

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:upload-malformed-batch @spec:7.3 @must @req:H75 @req:H17
  Scenario Outline: An Upload whose indexes do not make a run from its first is refused and stores nothing
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 1 entries to mmm_Device
    When alice uploads 2 entries to mmm_Device with <flaw>
    Then the response status is 400
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case             | flaw                                               |
      | draft-03 | gap              | indexes that are not consecutive                   |
      | draft-03 | no-index         | no ContainerInfo.Index                             |
      | draft-03 | update-index     | a ContainerUpdate.Index other than the first index |

  @id:upload-entry-signature-kept @spec:7.3 @must @req:H83 @req:H17
  Scenario Outline: An entry whose signature does not verify is kept with its signature as sent, or refused with nothing stored
    The draft does not ask the service to verify the signatures of what it stores: the catalog's readers do (H83). A
    service may still refuse such an entry; what it must not do is keep it with its signatures changed or dropped.
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 1 entries to mmm_Contact
    When alice uploads to mmm_Contact an entry signed under her Mesh profile, with <flaw>
    Then the entry is kept with its signature exactly as sent, or refused 400 with nothing stored

    @profile:draft-03
    Examples:
      | profile  | case          | flaw                                        |
      | draft-03 | valid         | nothing wrong                               |
      | draft-03 | flipped-bit   | a flipped bit in its signature              |
      | draft-03 | kid-other-key | a kid naming another key                    |
      | draft-03 | s-raised      | its signature's S raised by the group order |
      | draft-03 | ed25519       | an Ed25519 signature under its kid          |

  @id:upload-wrong-payload-digest @spec:7.3 @must @req:H76 @req:H17
  Scenario Outline: An entry whose PayloadDigest is not its payload's is refused and stores nothing
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 1 entries to mmm_Device
    When alice uploads 2 entries to mmm_Device with a wrong PayloadDigest
    Then the response status is 400
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
