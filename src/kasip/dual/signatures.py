"""Signatures by ЭЦП (Kazakhstan's digital signature) made with NCALayer: reading the CMS it returns.

NCALayer's ``kz.gov.pki.knca.commonUtils.createCAdESFromBase64("PKCS12", "SIGNATURE", <document>, false)``
returns a detached CMS (CAdES) SignedData in base64: the signer's certificate, the signed attributes with
the messageDigest of the document and the signature. This module reads it (asn1crypto; no Django) and says
who signed and what:

* the signer certificate's subject: ``serialNumber`` "IIN…" (the person), ``OU`` "BIN…" (the organisation an
  employee's certificate is issued for), ``CN`` (the name);
* the messageDigest, compared with the SHA-256 of the document when the digest algorithm is SHA-256 (a GOST
  digest is left to the verifier below).

Trust in the certificate chain, its revocation (OCSP/CRL) and the signature's mathematics are the job of a
pluggable *verifier*: a callable ``verify(cms_der: bytes, document: bytes, signer: Signer) -> None`` raising
:class:`SignatureProblem` to refuse, named by its dotted path in the setting ``KASIP_ECP_VERIFIER``. The
default, :func:`structure_only`, checks the structure only; a deployment plugs in a verifier that asks NCANode
or the national PKI (pki.gov.kz) there.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from asn1crypto import cms, x509

MAX_CMS_BYTES = 1024 * 1024
DEFAULT_VERIFIER = "kasip.dual.signatures.structure_only"


class SignatureProblem(ValueError):
    """Why a CMS is refused; ``code`` names the reason (the caller words it for people)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Signer:
    iin: str  # from the subject's serialNumber "IIN…", or ""
    bin: str  # from the subject's OU "BIN…", or ""
    common_name: str
    serial_number: int
    not_before: dt.datetime | None
    not_after: dt.datetime | None
    digest_algorithm: str  # "sha256", or the OID / name of another (GOST) algorithm
    message_digest: bytes
    certificate_der: bytes

    @property
    def identity(self) -> str:
        return self.bin or self.iin


def decode(text: str | bytes) -> bytes:
    """The CMS's DER bytes from NCALayer's base64 (whitespace and PEM armour tolerated)."""
    if isinstance(text, bytes):
        text = text.decode("ascii", errors="replace")
    lines = [line.strip() for line in (text or "").strip().splitlines() if not line.strip().startswith("-----")]
    raw = "".join(lines)
    if not raw:
        raise SignatureProblem("empty")
    if len(raw) > MAX_CMS_BYTES * 4 // 3 + 8:
        raise SignatureProblem("too_large")
    try:
        return base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureProblem("not_cms", "not base64") from exc


def _subject_values(name: x509.Name, key: str) -> list[str]:
    value = name.native.get(key)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _prefixed(values: list[str], prefix: str) -> str:
    for v in values:
        v = v.strip().upper()
        if v.startswith(prefix) and v[len(prefix):].isdigit():
            return v[len(prefix):]
    return ""


def _signer_certificate(signed_data, signer_info) -> x509.Certificate:
    certificates = [c.chosen for c in (signed_data["certificates"] or []) if c.name == "certificate"]
    if not certificates:
        raise SignatureProblem("no_certificate")
    sid = signer_info["sid"]
    for cert in certificates:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if cert.serial_number == wanted["serial_number"].native and cert.issuer == wanted["issuer"]:
                return cert
        elif sid.name == "subject_key_identifier" and cert.key_identifier == sid.chosen.native:
            return cert
    if len(certificates) == 1:
        return certificates[0]
    raise SignatureProblem("no_certificate", "no certificate matches the signer")


def parse(der: bytes) -> Signer:
    """The signer of a CMS SignedData (its first signer), or :class:`SignatureProblem`."""
    if not der or len(der) > MAX_CMS_BYTES:
        raise SignatureProblem("not_cms" if not der else "too_large")
    try:
        info = cms.ContentInfo.load(der, strict=True)
        if info["content_type"].native != "signed_data":
            raise SignatureProblem("not_cms", "not SignedData")
        signed_data = info["content"]
        signer_infos = signed_data["signer_infos"]
        if len(signer_infos) == 0:
            raise SignatureProblem("no_signer")
        signer_info = signer_infos[0]
        cert = _signer_certificate(signed_data, signer_info)
        digest_algorithm = signer_info["digest_algorithm"]["algorithm"]
        digest_name = digest_algorithm.native
        message_digest = b""
        for attr in signer_info["signed_attrs"] or []:
            if attr["type"].native == "message_digest":
                message_digest = attr["values"][0].native
        if not message_digest:
            raise SignatureProblem("not_cms", "no messageDigest among the signed attributes")
        subject = cert.subject
        validity = cert["tbs_certificate"]["validity"]
        return Signer(
            iin=_prefixed(_subject_values(subject, "serial_number"), "IIN"),
            bin=_prefixed(_subject_values(subject, "organizational_unit_name"), "BIN"),
            common_name=" ".join(_subject_values(subject, "common_name")).strip(),
            serial_number=int(cert.serial_number),
            not_before=validity["not_before"].native, not_after=validity["not_after"].native,
            digest_algorithm=str(digest_name), message_digest=bytes(message_digest),
            certificate_der=cert.dump(),
        )
    except SignatureProblem:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
        raise SignatureProblem("not_cms", str(exc)[:200]) from exc


def sha256_hex(document: bytes) -> str:
    return hashlib.sha256(document).hexdigest()


def check(signer: Signer, document: bytes, *, iin: str = "", bin: str = "",
          now: dt.datetime | None = None) -> str:
    """Refuse a signer who is not the expected person (``iin``) or organisation (``bin``), a certificate out
    of its validity, or a SHA-256 messageDigest of another document. Returns the SHA-256 (hex) of the
    document."""
    if iin and signer.iin != iin:
        raise SignatureProblem("wrong_person", signer.iin or "no IIN in the certificate")
    if bin and signer.bin != bin:
        raise SignatureProblem("wrong_person", signer.bin or "no BIN in the certificate")
    now = now or dt.datetime.now(dt.UTC)
    if (signer.not_before and now < signer.not_before) or (signer.not_after and now > signer.not_after):
        raise SignatureProblem("expired")
    digest = sha256_hex(document)
    if signer.digest_algorithm in ("sha256", "2.16.840.1.101.3.4.2.1"):
        if signer.message_digest.hex() != digest:
            raise SignatureProblem("wrong_document")
    return digest


def structure_only(cms_der: bytes, document: bytes, signer: Signer) -> None:
    """The default verifier: the CMS parsed and its signer and digest checked (see :func:`check`); no
    chain, revocation or cryptographic check. Plug NCANode or the national PKI check in its place."""


def load_verifier(path: str | None) -> Callable[[bytes, bytes, Signer], None]:
    module_name, _, name = (path or DEFAULT_VERIFIER).rpartition(".")
    if not module_name:
        raise ImportError(f"KASIP_ECP_VERIFIER: not a dotted path: {path!r}")
    return getattr(importlib.import_module(module_name), name)
