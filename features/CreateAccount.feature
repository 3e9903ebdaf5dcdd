Feature: CreateAccount
  An account is bound to the service with its Mesh profile and account assertion (draft §6).

  Background:
    Given the service is announced in DNS for example.com by SRV, TXT path and A records

  @id:create-account-succeeds @spec:6 @must @req:D23 @req:H10 @req:H18 @req:R04
  Scenario Outline: Creating a new account succeeds and Status then returns its Mesh profile
    Given the reference service in the <profile> profile
    When alice creates the account alice@example.com
    Then the response status is 201
    And the response is tagged CreateResponse
    When alice asks for the status of alice@example.com
    Then the response status is 201
    And the status carries the Mesh profile of alice

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

    @profile:reference
    Examples:
      | profile   |
      | reference |

  @id:create-account-duplicate-refused @spec:6 @must @req:H14 @req:H17
  Scenario Outline: Creating an account that exists is refused with StatusExtended 1 and changes nothing
    Given the reference service in the <profile> profile
    And alice has created the account alice@example.com
    When alice creates the account alice@example.com
    Then the response status is <status>
    And the response StatusExtended is 1
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | status |
      | draft-03 | 409    |

    @profile:reference
    Examples:
      | profile   | status |
      | reference | 400    |

  @id:create-account-foreign-domain-refused @spec:6 @should @req:H21 @req:H17
  Scenario Outline: An account in a domain the service does not serve is refused
    Given the reference service in the <profile> profile
    When alice creates the account alice@elsewhere.org
    Then the response status is 400
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:create-account-name-policy @spec:6 @should @req:H21 @req:H17
  Scenario Outline: An account name against the advertised policy is refused
    Given the reference service in the <profile> profile
    When alice creates the account a*b@example.com
    Then the response status is 400
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:create-account-profile-must-be-signed @spec:6 @must @req:H22 @req:H12 @req:H17
  Scenario Outline: A Mesh profile that is not signed by its offline key is refused
    Given the reference service in the <profile> profile
    When alice creates the account alice@example.com with an unsigned Mesh profile
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:create-account-assertion-signature @spec:6 @must @req:H22 @req:H12 @req:H17
  Scenario Outline: An account assertion not signed by a key of the Mesh profile is refused
    Given the reference service in the <profile> profile
    When alice creates the account alice@example.com with <flaw>
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case               | flaw                                   |
      | draft-03 | stranger-key       | an assertion signed by another key     |
      | draft-03 | other-mesh-profile | the assertion of another Mesh profile  |

  @id:create-account-hostile-signatures @spec:6 @must @req:H22 @req:H12 @req:H17
  Scenario Outline: A Mesh profile or account assertion whose signature is hostile is refused and nothing is stored
    Every part of the signature counts: its value and length, S below the group order (RFC 8032 §5.2.7), the kid
    (at least 100 bits of the key's UDF, docs/wire.md), the PayloadDigest it signs, and the curve of the key the kid
    names (an Ed25519 signature in place of an Ed448 one).
    Given the reference service in the <profile> profile
    When alice creates the account alice@example.com with <signed> carrying <flaw>
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  | case                     | signed                | flaw                                        |
      | draft-03 | profile-flipped-bit      | its Mesh profile      | a flipped bit in its signature              |
      | draft-03 | profile-short            | its Mesh profile      | its signature one byte short                |
      | draft-03 | profile-long             | its Mesh profile      | its signature one byte longer               |
      | draft-03 | profile-s-not-reduced    | its Mesh profile      | its signature's S raised by the group order |
      | draft-03 | profile-kid-other-key    | its Mesh profile      | a kid naming another key                    |
      | draft-03 | profile-kid-too-short    | its Mesh profile      | a kid of only 60 bits of its key's UDF      |
      | draft-03 | profile-digest-flipped   | its Mesh profile      | a flipped bit in its PayloadDigest          |
      | draft-03 | profile-no-digest        | its Mesh profile      | no PayloadDigest                            |
      | draft-03 | profile-ed25519          | its Mesh profile      | an Ed25519 signature under its kid          |
      | draft-03 | assertion-flipped-bit    | its account assertion | a flipped bit in its signature              |
      | draft-03 | assertion-short          | its account assertion | its signature one byte short                |
      | draft-03 | assertion-long           | its account assertion | its signature one byte longer               |
      | draft-03 | assertion-s-not-reduced  | its account assertion | its signature's S raised by the group order |
      | draft-03 | assertion-kid-other-key  | its account assertion | a kid naming another key                    |
      | draft-03 | assertion-kid-too-short  | its account assertion | a kid of only 60 bits of its key's UDF      |
      | draft-03 | assertion-digest-flipped | its account assertion | a flipped bit in its PayloadDigest          |
      | draft-03 | assertion-no-digest      | its account assertion | no PayloadDigest                            |
      | draft-03 | assertion-ed25519        | its account assertion | an Ed25519 signature under its kid          |

  @id:create-account-small-order-key @spec:6 @must @req:H22 @req:H12 @req:H17
  Scenario Outline: A Mesh profile whose key is the identity point, signed by it, is refused and nothing is stored
    R = identity and S = 0 satisfy the verification equation for every message under that key (RFC 8032 §5.2.7
    without a check of the key's order), so a verifier that accepts keys of small order accepts this forgery.
    Given the reference service in the <profile> profile
    When alice creates the account alice@example.com with a Mesh profile whose offline key is the identity point
    Then the response status is 401
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:create-account-assertion-names-account @spec:6 @should @req:H22 @req:H17
  Scenario Outline: An account assertion that does not list the account is refused
    Given the reference service in the <profile> profile
    When alice creates the account alice@example.com with an assertion naming bob@example.com
    Then the response status is 400
    And the service's state has not changed

    @profile:draft-03
    Examples:
      | profile  |
      | draft-03 |

  @id:create-account-needs-service-id @spec:6 @must @req:H11 @req:H17
  Scenario Outline: A CreateAccount without a ServiceID is refused
    Given the reference service in the <profile> profile
    When alice creates the account alice@example.com with no ServiceID
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

  @id:create-account-name-length @spec:6 @should @req:H21 @req:H17
  Scenario Outline: Account names at the length limits the Hello policy advertises
    Given the reference service in the <profile> profile
    When alice creates an account whose name is <relation> the Hello policy's <bound> length
    Then <outcome>

    @profile:draft-03
    Examples:
      | profile  | case          | relation         | bound   | outcome                             |
      | draft-03 | at-minimum    | exactly          | minimum | the name is accepted                |
      | draft-03 | at-maximum    | exactly          | maximum | the name is accepted                |
      | draft-03 | below-minimum | one shorter than | minimum | the response status is 400          |
      | draft-03 | above-maximum | one longer than  | maximum | the response status is 400          |
