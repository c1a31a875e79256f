/**
 * Secrets kept in the state directory: the API bearer token and the server's TLS key pair, each
 * generated on first use and read back afterwards, all files mode 0600.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { SlipwayError } from "../api/errors.js";
import { certificateFits, createServingCertificate, type ServingCertificate } from "./certificate.js";

/** Writes a file atomically (temp file + rename) with mode 0600, creating its directory. */
export async function writeSecretFile(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, content, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
}

/**
 * Returns the API server's TLS certificate and key from `<stateDir>/tls/`, generating them when
 * missing, expiring, or not naming every host given (the listen host; loopback is always named).
 */
export async function ensureServingCertificate(
  stateDir: string,
  hosts: readonly string[] = [],
): Promise<ServingCertificate> {
  const certFile = join(stateDir, "tls", "server.crt");
  const keyFile = join(stateDir, "tls", "server.key");
  try {
    const existing = { cert: await readFile(certFile, "utf8"), key: await readFile(keyFile, "utf8") };
    if (certificateFits(existing, hosts)) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const fresh = createServingCertificate({ hosts });
  await writeSecretFile(keyFile, fresh.key);
  await writeSecretFile(certFile, fresh.cert);
  return fresh;
}

const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Returns the API token of a state directory: generated on first use (32 random bytes, hex) into
 * `<stateDir>/token` with mode 0600, read back afterwards. A token file that is not 64 hex digits
 * is refused rather than silently replaced.
 */
export async function ensureToken(stateDir: string): Promise<string> {
  const file = join(stateDir, "token");
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (!TOKEN_PATTERN.test(existing)) {
      throw new SlipwayError("BadRequest", `${file} does not hold a valid token`, {
        hint: "delete the file to have a new token generated",
      });
    }
    return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString("hex");
  try {
    // "wx": when two processes race on first use, exactly one token wins.
    await writeFile(file, `${token}\n`, { mode: 0o600, flag: "wx" });
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return ensureToken(stateDir);
    throw error;
  }
}
