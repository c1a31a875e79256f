/** v1 ConfigMap and Secret: key/value data handed to pods as env or files. */
import type { KubeObject } from "../object.js";

export interface ConfigMap extends KubeObject {
  apiVersion: "v1";
  kind: "ConfigMap";
  data?: Record<string, string>;
  /** Values are base64; a key may not appear in both data and binaryData. */
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface Secret extends KubeObject {
  apiVersion: "v1";
  kind: "Secret";
  /** `Opaque` by default; `kubernetes.io/tls` etc. require their keys. */
  type?: string;
  /** Values are base64. */
  data?: Record<string, string>;
  /** Write-only plain-text values, merged into data on write. */
  stringData?: Record<string, string>;
  immutable?: boolean;
}
