Feature: Download
  Devices fetch entries of the account's containers (draft §7.2, A15).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:download-range-exact @spec:7.2 @must @req:D26 @req:H29
  Scenario Outline: Download returns the entries of the requested index range exactly as uploaded
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 5 entries to mmm_Device
    When alice downloads mmm_Device from index 1 to index 3
    Then the response status is 201
    And the download returns entries 1 to 3 of mmm_Device exactly as stored

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:download-from-index @spec:7.2 @must @req:D26 @req:H29
  Scenario Outline: Download from an index returns every entry from there on
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 4 entries to mmm_Device
    When alice downloads mmm_Device from index 2
    Then the download returns entries 2 to 3 of mmm_Device exactly as stored

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

    @profile:reference
    Examples:
      | profile   |
      | reference |

  @id:download-max-entries @spec:7.2 @may @req:D27 @req:H29
  Scenario Outline: A download may be limited to a number of entries, the first ones
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 4 entries to mmm_Device
    When alice downloads at most 2 entries of mmm_Device
    Then the download returns 2 entries
    And the download returns entries 0 to 1 of mmm_Device exactly as stored

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:download-absent-container @spec:7.2 @should @req:H13 @req:H17
  Scenario Outline: Download of a container the account does not have is refused
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When alice downloads mmm_Bookmark from index 0
    Then the response status is 404
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:download-needs-selection @spec:7.2 @must @req:H29 @req:H11
  Scenario Outline: Download without a selection is refused
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When alice downloads without a selection
    Then the response status is 400

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:download-date-form @spec:7.2 @must @req:H70
  Scenario Outline: Dates in a request are read in their UTC form only
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 2 entries to mmm_Device
    When alice downloads mmm_Device with entries not before "<date>"
    Then the response status is <status>

    @profile:draft-03
    Examples:
      | profile  | case     | date                      | status |
      | draft-03 | utc      | 2026-01-01T00:00:00Z      | 201    |
      | draft-03 | fraction | 2026-01-01T00:00:00.250Z  | 201    |
      | draft-03 | offset   | 2026-01-01T01:00:00+01:00 | 400    |
      | draft-03 | no-zone  | 2026-01-01T00:00:00       | 400    |

  @id:download-index-boundaries @spec:7.2 @must @req:H29 @req:D26
  Scenario Outline: Download's index range at the container's boundaries
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 3 entries to mmm_Device
    When alice downloads mmm_Device from index <from> to index <to>
    Then the response status is 201
    And the download returns <count> entries

    @profile:draft-03
    Examples:
      | profile  | case         | from | to         | count |
      | draft-03 | first        | 0    | 0          | 1     |
      | draft-03 | last         | 2    | 2          | 1     |
      | draft-03 | past-the-end | 1    | 10         | 2     |
      | draft-03 | at-the-count | 3    | 3          | 0     |
      | draft-03 | beyond       | 7    | 9          | 0     |
      | draft-03 | max-int      | 0    | 2147483647 | 3     |

  @id:download-index-refused @spec:7.2 @must @req:H29 @req:H11
  Scenario Outline: An index range that is reversed, negative or outside 32 bits is refused
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 3 entries to mmm_Device
    When alice downloads mmm_Device with the selection members <range>
    Then the response status is 400
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case     | range                        |
      | draft-03 | reversed | "IndexMin": 2, "IndexMax": 0 |
      | draft-03 | negative | "IndexMin": -1               |
      | draft-03 | overflow | "IndexMin": 2147483648       |
      | draft-03 | fraction | "IndexMin": 1.5              |

  @id:download-several-selections @spec:7.2 @must @req:D26 @req:H29
  Scenario Outline: One Download with several selections returns each container's entries as uploaded
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    And alice has uploaded 3 entries to mmm_Device
    And alice has uploaded 2 entries to mmm_Contact
    When alice downloads mmm_Device from index 1 and mmm_Contact from index 0 in one request
    Then the response status is 201
    And the download returns entries 1 to 2 of mmm_Device exactly as stored
    And the download returns entries 0 to 1 of mmm_Contact exactly as stored

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |
