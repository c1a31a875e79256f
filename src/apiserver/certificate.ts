/**
 * A self-signed serving certificate for the API server, so that kubectl, which only sends a bearer
 * token over TLS, can authenticate. The certificate is its own CA (kubeconfig carries it as
 * certificate-authority-data) and names the hosts clients use: 127.0.0.1, ::1, localhost and the
 * listen host. ECDSA P-256, generated with node:crypto only.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import {
  bitString,
  boolean,
  explicit,
  implicit,
  integer,
  octetString,
  oid,
  sequence,
  set,
  time,
  utf8String,
} from "./der.js";

export interface ServingCertificate {
  /** PEM certificate; also the CA clients must trust. */
  cert: string;
  /** PEM PKCS#8 private key. */
  key: string;
}

export interface CertificateOptions {
  /** Host names and IP addresses the certificate is valid for (loopback names are always added). */
  hosts?: readonly string[];
  /** Validity in days (default ten years). */
  days?: number;
  now?: Date;
}

const LOOPBACK = ["127.0.0.1", "::1", "localhost"];

/** Every host the certificate must name: the loopback names plus the given ones, deduplicated. */
export function certificateHosts(hosts: readonly string[] = []): string[] {
  const wildcard = new Set(["0.0.0.0", "::", ""]);
  return [...new Set([...LOOPBACK, ...hosts.filter((h) => !wildcard.has(h))])];
}

function ipBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split(".").map(Number));
  // Expand "::" into the missing zero groups, then write eight 16-bit groups.
  const [head = "", tail = ""] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = address.includes("::") ? (tail ? tail.split(":") : []) : [];
  const zeros = Array(8 - headGroups.length - tailGroups.length).fill("0");
  const groups = address.includes("::") ? [...headGroups, ...zeros, ...tailGroups] : headGroups;
  const bytes = Buffer.alloc(16);
  for (const [i, g] of groups.entries()) bytes.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  return bytes;
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** Generates a fresh key and a self-signed certificate for the hosts. */
export function createServingCertificate({
  hosts,
  days = 3650,
  now = new Date(),
}: CertificateOptions = {}): ServingCertificate {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const ecdsaWithSha256 = sequence(oid("1.2.840.10045.4.3.2"));
  const name = sequence(set(sequence(oid("2.5.4.3"), utf8String("slipway"))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000); // tolerate clock skew
  const notAfter = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
  const altNames = certificateHosts(hosts).map((h) =>
    isIP(h) ? implicit(7, ipBytes(h)) : implicit(2, Buffer.from(h, "ascii")),
  );
  const extensions = [
    extension("2.5.29.19", true, sequence(boolean(true))), // basicConstraints: CA
    extension("2.5.29.15", true, bitString(Buffer.from([0x84]), 2)), // keyUsage: digitalSignature, keyCertSign
    extension("2.5.29.37", false, sequence(oid("1.3.6.1.5.5.7.3.1"))), // extKeyUsage: serverAuth
    extension("2.5.29.17", false, sequence(...altNames)), // subjectAltName
  ];
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serial),
    ecdsaWithSha256,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign("sha256", tbs, privateKey);
  const cert = sequence(tbs, ecdsaWithSha256, bitString(signature));
  return { cert: pem("CERTIFICATE", cert), key: privateKey.export({ type: "pkcs8", format: "pem" }) as string };
}

/** True when the certificate is valid at `now` for another day, names every host, and matches the key. */
export function certificateFits(pair: ServingCertificate, hosts: readonly string[] = [], now = new Date()): boolean {
  try {
    const x509 = new X509Certificate(pair.cert);
    if (new Date(x509.validTo).getTime() < now.getTime() + 24 * 60 * 60 * 1000) return false;
    if (!x509.checkPrivateKey(createPrivateKey(pair.key))) return false;
    return certificateHosts(hosts).every((h) => (isIP(h) ? x509.checkIP(h) : x509.checkHost(h)) !== undefined);
  } catch {
    return false;
  }
}
