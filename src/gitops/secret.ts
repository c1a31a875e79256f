/** Small HTTP helpers shared by the git endpoints: constant-time secret checks and body reading. */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** Compares in constant time whatever the lengths. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
    });
    req.on("end", () => done(text));
    req.on("error", reject);
  });
}
