#!/usr/bin/env python3
"""Independent oracle for `differential`: answers batches of cases with the functions of the
project-independent checker (verify_vectors.py, imported from the path in argv[1]) and the
'cryptography' package. One JSON object per input line, one per output line; binary values in hex.
Edwards-curve decoding and edwards448 arithmetic, which the checker lacks, are written here from
RFC 8032 (sections 5.1.3, 5.2.3, 5.2.4), without reference to the harness's C# code."""
import sys, json, base64, hashlib, importlib.util

spec = importlib.util.spec_from_file_location("verify_vectors", sys.argv[1])
vv = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vv)

from cryptography.hazmat.primitives.asymmetric import ed25519, ed448, x25519, x448
from cryptography.hazmat.primitives.keywrap import aes_key_wrap, aes_key_unwrap
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives import serialization, padding

RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)
H = bytes.fromhex

# ---- edwards25519 (checker arithmetic, plus decoding) ----
def dec25519(b):
    y = int.from_bytes(b, "little") & ((1 << 255) - 1)
    sign = b[31] >> 7
    p, d = vv._p, vv._d
    if y >= p: raise ValueError("y out of range")
    x2 = (y * y - 1) * pow(d * y * y + 1, p - 2, p) % p
    x = pow(x2, (p + 3) // 8, p)
    if (x * x - x2) % p: x = x * pow(2, (p - 1) // 4, p) % p
    if (x * x - x2) % p: raise ValueError("not a point")
    if x == 0 and sign: raise ValueError("bad sign")
    if x & 1 != sign: x = p - x
    return (x, y, 1, x * y % p)

def scalar25519(seed):
    h = hashlib.sha512(seed).digest()
    return int.from_bytes(h[:32], "little") & ((1 << 254) - 8) | (1 << 254)

# ---- edwards448, RFC 8032 section 5.2, affine-free projective formulas ----
P4 = 2**448 - 2**224 - 1
D4 = P4 - 39081
L4 = 2**446 - 13818066809895115352007386748515426880336692474882178609894547503885
def add448(P, Q):
    x1, y1, z1 = P; x2, y2, z2 = Q
    A = z1 * z2 % P4; B = A * A % P4; C = x1 * x2 % P4; Dd = y1 * y2 % P4
    E = D4 * C * Dd % P4; F = (B - E) % P4; G = (B + E) % P4
    return (A * F * ((x1 + y1) * (x2 + y2) - C - Dd) % P4, A * G * (Dd - C) % P4, F * G % P4)
def mul448(s, P):
    Q = (0, 1, 1)
    while s:
        if s & 1: Q = add448(Q, P)
        P = add448(P, P); s >>= 1
    return Q
def enc448(P):
    x, y, z = P; zi = pow(z, P4 - 2, P4); x = x * zi % P4; y = y * zi % P4
    return int.to_bytes(y | ((x & 1) << 455), 57, "little")
def dec448(b):
    y = int.from_bytes(b, "little") & ((1 << 455) - 1)
    sign = b[56] >> 7
    if y >= P4 or b[56] & 0x7F: raise ValueError("y out of range")
    u, v = (y * y - 1) % P4, (D4 * y * y - 1) % P4
    x = u * u * u * v * pow(u ** 5 * v ** 3, (P4 - 3) // 4, P4) % P4
    if v * x * x % P4 != u: raise ValueError("not a point")
    if x == 0 and sign: raise ValueError("bad sign")
    if x & 1 != sign: x = P4 - x
    return (x, y, 1)
GY4 = 298819210078481492676017930443930673437544040154080242095928241372331506189835876003536878655418784733982303233503462500531545062832660
B4 = dec448(int.to_bytes(GY4, 57, "little"))
def shake(data, n): return hashlib.shake_256(data).digest(n)
def scalar448(seed):
    h = shake(seed, 114)
    return (int.from_bytes(h[:57], "little") & ((1 << 447) - 4)) | (1 << 447), h[57:]
DOM4 = b"SigEd448\x00\x00"
def ed448_sign_any(seed, msg):
    """Ed448 over a seed of any length (the harness's 56-byte derived seeds)."""
    a, prefix = scalar448(seed)
    A = enc448(mul448(a, B4))
    r = int.from_bytes(shake(DOM4 + prefix + msg, 114), "little") % L4
    R = enc448(mul448(r, B4))
    k = int.from_bytes(shake(DOM4 + R + A + msg, 114), "little") % L4
    return R + int.to_bytes((r + k * a) % L4, 57, "little")

def public(crv, seed):
    if crv == "Ed25519": return vv._enc(vv._mul(scalar25519(seed), vv._G))
    if crv == "Ed448": return enc448(mul448(scalar448(seed)[0], B4))
    if crv == "X25519": return x25519.X25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(*RAW)
    return x448.X448PrivateKey.from_private_bytes(seed).public_key().public_bytes(*RAW)

def agree(crv, seed, peer):
    if crv == "Ed25519": return vv._enc(vv._mul(scalar25519(seed), dec25519(peer)))
    if crv == "Ed448": return enc448(mul448(scalar448(seed)[0], dec448(peer)))
    if crv == "X25519": return x25519.X25519PrivateKey.from_private_bytes(seed).exchange(x25519.X25519PublicKey.from_public_bytes(peer))
    return x448.X448PrivateKey.from_private_bytes(seed).exchange(x448.X448PublicKey.from_public_bytes(peer))

def sign(crv, seed, msg):
    """As the reference signs (dare.md 4): Ed448 pure, empty context; Ed25519 with dom2 and an empty context."""
    if crv == "Ed25519": return vv.ed25519_sign(seed, msg, vv.DOM2_EMPTY)
    if len(seed) == 57: return ed448.Ed448PrivateKey.from_private_bytes(seed).sign(msg)
    return ed448_sign_any(seed, msg)

def verify(crv, pub, msg, sig):
    try:
        if crv == "Ed448": ed448.Ed448PublicKey.from_public_bytes(pub).verify(sig, msg); return True
        ed25519.Ed25519PublicKey.from_public_bytes(pub).verify(sig, msg); return True
    except Exception:
        return False

def cbc(key, iv, data, encrypt):
    c = Cipher(algorithms.AES(key), modes.CBC(iv))
    if encrypt:
        p = padding.PKCS7(128).padder(); data = p.update(data) + p.finalize()
        e = c.encryptor(); return e.update(data) + e.finalize()
    d = c.decryptor(); out = d.update(data) + d.finalize()
    u = padding.PKCS7(128).unpadder(); return u.update(out) + u.finalize()

def kek(agreement): return vv.hkdf(agreement, None, b"master", 32, hashlib.sha512)[1]
def content_keys(master, salt):
    return (vv.hkdf(master, salt, b"encrypt", 32, hashlib.sha256)[1], vv.hkdf(master, salt, b"iv", 16, hashlib.sha256)[1])

def b64(data): return vv.base64.urlsafe_b64encode(data).decode().rstrip("=")

def dare_open(c):
    """Decrypts an envelope (JSON text) for one recipient key; checks digest and signature if signed."""
    env = vv.loads(c["envelope"]); env = env.get("DareEnvelope", env)
    hdr, body = env[0], vv.b64u_dec(env[1])
    seed, crv = H(c["seed"]), c["crv"]
    kid = vv.key_udf(crv, public(crv, seed))
    entry = [r for r in hdr["recipients"] if r["kid"] == kid][0]
    epk = entry["epk"]["PublicKeyECDH"]
    master = aes_key_unwrap(kek(agree(crv, seed, vv.b64u_dec(epk["Public"]))), vv.b64u_dec(entry["wmk"]))
    key, iv = content_keys(master, vv.b64u_dec(hdr["Salt"]))
    out = {"plaintext": cbc(key, iv, body, False).hex()}
    if len(env) == 3:
        trl = env[2]; dig = hashlib.sha512(body).digest()
        s = trl["signatures"][0]
        out["digest-ok"] = dig == vv.b64u_dec(trl["PayloadDigest"])
        out["signature-ok"] = verify_sig(c["signer-crv"], H(c["signer-seed"]), dig, vv.b64u_dec(s["signature"]))
        out["witness"] = vv.hkdf(master, vv.b64u_dec(hdr["Salt"]), vv.b64u_dec(s["signature"]), 32, hashlib.sha256)[1].hex()
    return out

def verify_sig(crv, seed, msg, sig):
    """Ed25519ctx with an empty context has no library verifier: the deterministic signature is recomputed."""
    if crv == "Ed25519": return vv.ed25519_sign(seed, msg, vv.DOM2_EMPTY) == sig
    return verify(crv, public(crv, seed), msg, sig)

def dare_seal(c):
    """Encrypts to one recipient the way dare.md 5 describes, with the case's own random values."""
    crv, pub = c["crv"], H(c["public"])
    master, salt, eph = H(c["master"]), H(c["salt"]), H(c["ephemeral"])
    wmk = aes_key_wrap(kek(agree(crv, eph, pub)), master)
    key, iv = content_keys(master, salt)
    hdr = {"enc": "A256CBC", "Salt": b64(salt), "recipients": [{"kid": vv.key_udf(crv, pub),
           "epk": {"PublicKeyECDH": {"crv": crv, "Public": b64(public(crv, eph))}}, "wmk": b64(wmk)}]}
    return {"envelope": vv.json.dumps({"DareEnvelope": [hdr, b64(cbc(key, iv, H(c["plaintext"]), True))]})}

def hkdf(c):
    h = hashlib.sha256 if c["hash"] == "SHA256" else hashlib.sha512
    return {"okm": vv.hkdf(H(c["ikm"]), H(c["salt"]), H(c["info"]), c["length"], h)[1].hex()}

def seed_key(c):
    raw = vv.b32_dec(c["udf"])
    okm = vv.hkdf(raw[1:], raw[1:3], b"", c["length"], hashlib.sha512)[1]
    out = {"private": okm.hex()}
    if "crv" in c: out["public"] = public(c["crv"], okm).hex()
    return out

def check_dare(c):
    """The checker's own check_dare over a folder: its claims, printed output kept out of the answer stream."""
    import io, contextlib
    start = len(vv.results)
    with contextlib.redirect_stdout(io.StringIO()):
        vv.check_dare(c["folder"])
    return {"claims": [("PASS " if ok else "FAIL ") + what for ok, what in vv.results[start:]]}

# ---- JSON-B and JSON-C, read and written from the draft's description (draft-hallambaker-jsonbcd) ----
# A tag byte's low two bits give the size of the big-endian length after it: 1, 2, 4 or 8 octets.
JB_STRING, JB_STRING_CHUNK, JB_BINARY, JB_BINARY_CHUNK = 0x80, 0x84, 0x88, 0x8C
JB_POSITIVE, JB_NEGATIVE, JB_TRUE, JB_FALSE, JB_NULL, JB_TAG, JB_INDEX = 0xA0, 0xA8, 0xB0, 0xB1, 0xB2, 0xB4, 0xC0

def jb_read(data, dictionary):
    pos = 0
    def skip():
        nonlocal pos
        while pos < len(data) and data[pos] in b" \t\r\n,:": pos += 1
    def length(tag):
        nonlocal pos
        size = 1 << (tag & 3)
        n = int.from_bytes(data[pos:pos + size], "big"); pos += size
        return n
    def chunks(tag, final, chunk):
        nonlocal pos
        out = b""
        while True:
            n = length(tag); out += data[pos:pos + n]; pos += n
            if tag & 0xFC == final: return out
            tag = data[pos]; pos += 1
            if tag & 0xFC not in (final, chunk): raise ValueError(f"chunk of another kind at {pos - 1}")
    def text_string():
        nonlocal pos
        end = pos + 1
        while data[end] != 0x22:
            end += 2 if data[end] == 0x5C else 1
        value = json.loads(data[pos:end + 1].decode()); pos = end + 1
        return value
    def value():
        nonlocal pos
        skip()
        tag = data[pos]; pos += 1
        kind = tag & 0xFC
        if tag == 0x7B:
            members = {}
            while True:
                skip()
                if data[pos] == 0x7D: pos += 1; return members
                name = value()
                if not isinstance(name, str): raise ValueError(f"member name is not a string at {pos}")
                if name in members: raise ValueError(f"member {name} twice")
                members[name] = value()
        if tag == 0x5B:
            items = []
            while True:
                skip()
                if data[pos] == 0x5D: pos += 1; return items
                items.append(value())
        if kind in (JB_STRING, JB_STRING_CHUNK, JB_TAG): return chunks(tag, kind if kind == JB_TAG else JB_STRING, JB_STRING_CHUNK).decode("utf-8")
        if kind in (JB_BINARY, JB_BINARY_CHUNK): return chunks(tag, JB_BINARY, JB_BINARY_CHUNK)
        if kind == JB_POSITIVE: return length(tag)
        if kind == JB_NEGATIVE: return -length(tag)
        if kind == JB_INDEX: return dictionary[length(tag)]
        if tag == JB_TRUE: return True
        if tag == JB_FALSE: return False
        if tag == JB_NULL: return None
        if tag == 0x22: pos -= 1; return text_string()
        raise ValueError(f"unknown tag 0x{tag:02x} at {pos - 1}")
    result = value(); skip()
    if pos != len(data): raise ValueError(f"{len(data) - pos} octets after the value")
    return result

def jb_length(code, n):
    size = 1 if n < 0x100 else 2 if n < 0x10000 else 4 if n < 0x100000000 else 8
    return bytes([code | {1: 0, 2: 1, 4: 2, 8: 3}[size]]) + n.to_bytes(size, "big")

def jb_write(value, dictionary, binary):
    index = {word: i for i, word in reversed(list(enumerate(dictionary or [])))}
    def string(text):
        if dictionary is not None and text in index: return jb_length(JB_INDEX, index[text])
        raw = text.encode("utf-8"); return jb_length(JB_STRING, len(raw)) + raw
    def write(v, path):
        if isinstance(v, dict):
            out = b"{"
            for name, item in v.items():
                raw = name.encode("utf-8")
                out += string(name) if dictionary is not None else jb_length(JB_TAG, len(raw)) + raw
                out += write(item, path + [name])
            return out + b"}"
        if isinstance(v, list): return b"[" + b"".join(write(item, path + [i]) for i, item in enumerate(v)) + b"]"
        if v is True: return bytes([JB_TRUE])
        if v is False: return bytes([JB_FALSE])
        if v is None: return bytes([JB_NULL])
        if isinstance(v, int): return jb_length(JB_NEGATIVE if v < 0 else JB_POSITIVE, abs(v))
        if binary(path):
            raw = base64.urlsafe_b64decode(v + "=" * (-len(v) % 4)); return jb_length(JB_BINARY, len(raw)) + raw
        return string(v)
    return write(value, [])

def jb_plain(v):
    """The JSON text form of a read value: binaries as unpadded base64url, members sorted."""
    def walk(x):
        if isinstance(x, bytes): return base64.urlsafe_b64encode(x).decode().rstrip("=")
        if isinstance(x, dict): return {k: walk(x[k]) for k in x}
        if isinstance(x, list): return [walk(i) for i in x]
        return x
    return json.dumps(walk(v), sort_keys=True, separators=(",", ":"))

def jb_binary_paths(names):
    # the envelope's payload (item 1 of the DareEnvelope array) and the members the schema types binary
    return lambda path: (len(path) == 2 and path[0] == "DareEnvelope" and path[1] == 1) or (bool(path) and path[-1] in names)

OPS = {
    "check-dare": check_dare,
    "key-udf": lambda c: {"udf": vv.key_udf(c["crv"], H(c["public"])), "keyinfo": vv.keyinfo(c["crv"], H(c["public"])).hex()},
    "content-udf": lambda c: {"udf": vv.udf_content(H(c["data"]), c["ctype"], c["bits"], c["sha3"])},
    "seed-key": seed_key,
    "public": lambda c: {"public": public(c["crv"], H(c["seed"])).hex()},
    "sign": lambda c: {"signature": sign(c["crv"], H(c["seed"]), H(c["message"])).hex()},
    "sign-pure25519": lambda c: {"signature": ed25519.Ed25519PrivateKey.from_private_bytes(H(c["seed"])).sign(H(c["message"])).hex()},
    "verify": lambda c: {"valid": verify(c["crv"], H(c["public"]), H(c["message"]), H(c["signature"]))},
    "agree": lambda c: {"agreement": agree(c["crv"], H(c["seed"]), H(c["peer"])).hex()},
    "hkdf": hkdf,
    "wrap": lambda c: {"wrapped": aes_key_wrap(H(c["kek"]), H(c["key"])).hex()},
    "unwrap": lambda c: {"key": aes_key_unwrap(H(c["kek"]), H(c["wrapped"])).hex()},
    "cbc-encrypt": lambda c: {"ciphertext": cbc(H(c["key"]), H(c["iv"]), H(c["plaintext"]), True).hex()},
    "cbc-decrypt": lambda c: {"plaintext": cbc(H(c["key"]), H(c["iv"]), H(c["ciphertext"]), False).hex()},
    "dare-open": dare_open,
    "dare-seal": dare_seal,
    "digest": lambda c: {"digest": hashlib.sha512(H(c["data"])).hexdigest()},
    "jsonb-read": lambda c: {"json": jb_plain(jb_read(H(c["data"]), c.get("dictionary")))},
    "jsonb-write": lambda c: {"data": jb_write(json.loads(c["json"]), c.get("dictionary"), jb_binary_paths(set(c["binary"]))).hex()},
    "json-plain": lambda c: {"json": jb_plain(json.loads(c["json"]))},
}

for line in sys.stdin:
    case = json.loads(line)
    try:
        result = OPS[case["op"]](case)
    except Exception as e:
        result = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(result), flush=False)
