/** ConfigMap and Secret rules: keys that make valid file names, base64 values, sizes, typed secrets. */
import type { FieldError } from "../errors.js";
import type { ConfigMap, Secret } from "../types/config.js";
import { invalid, invalidEach, required, tooLong } from "./field-errors.js";
import { isConfigKey } from "./names.js";
import { key } from "./path.js";

/** Kubernetes' MaxSecretSize, also the ConfigMap limit. */
export const MAX_DATA_BYTES = 1024 * 1024;
/** Shown instead of a secret's value, as Kubernetes does. */
export const REDACTED = "<secret contents redacted>";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Keys each built-in Secret type must carry (in data or stringData). */
const REQUIRED_SECRET_KEYS: Readonly<Record<string, readonly string[]>> = {
  "kubernetes.io/tls": ["tls.crt", "tls.key"],
  "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
  "kubernetes.io/dockercfg": [".dockercfg"],
  "kubernetes.io/ssh-auth": ["ssh-privatekey"],
};

function validateKeys(data: Record<string, string> | undefined, path: string): FieldError[] {
  return Object.keys(data ?? {}).flatMap((k) => invalidEach(key(path, k), k, isConfigKey(k)));
}

function base64Errors(
  data: Record<string, string> | undefined,
  path: string,
  shown: (v: string) => string,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(data ?? {})) {
    if (!BASE64.test(v.replace(/\s+/g, ""))) errors.push(invalid(key(path, k), shown(v), "must be base64-encoded"));
  }
  return errors;
}

function decodedSize(data: Record<string, string> | undefined): number {
  return Object.values(data ?? {}).reduce((n, v) => n + Buffer.from(v, "base64").length, 0);
}

function plainSize(data: Record<string, string> | undefined): number {
  return Object.values(data ?? {}).reduce((n, v) => n + Buffer.byteLength(v), 0);
}

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errors = [...validateKeys(cm.data, "data"), ...validateKeys(cm.binaryData, "binaryData")];
  for (const k of Object.keys(cm.data ?? {})) {
    if (cm.binaryData && Object.hasOwn(cm.binaryData, k)) {
      errors.push(invalid(key("data", k), k, "duplicate of key present in binaryData"));
    }
  }
  errors.push(...base64Errors(cm.binaryData, "binaryData", (v) => v));
  if (plainSize(cm.data) + decodedSize(cm.binaryData) > MAX_DATA_BYTES) errors.push(tooLong("data", MAX_DATA_BYTES));
  return errors;
}

export function validateSecret(secret: Secret): FieldError[] {
  const errors = [...validateKeys(secret.data, "data"), ...validateKeys(secret.stringData, "stringData")];
  errors.push(...base64Errors(secret.data, "data", () => REDACTED));
  if (decodedSize(secret.data) + plainSize(secret.stringData) > MAX_DATA_BYTES) {
    errors.push(tooLong("data", MAX_DATA_BYTES));
  }
  const has = (k: string): boolean => Object.hasOwn(secret.data ?? {}, k) || Object.hasOwn(secret.stringData ?? {}, k);
  for (const k of REQUIRED_SECRET_KEYS[secret.type ?? ""] ?? []) if (!has(k)) errors.push(required(key("data", k)));
  if (secret.type === "kubernetes.io/basic-auth" && !has("username") && !has("password")) {
    errors.push(required(key("data", "username")), required(key("data", "password")));
  }
  return errors;
}
