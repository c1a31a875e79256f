import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import { configMap, edit, messages, secret } from "./objects.js";

const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

const cases: [string, KubeObject, string[]][] = [
  ["a valid ConfigMap has no errors", configMap(), []],
  [
    "refuses a ConfigMap key that is not a valid file name",
    edit(configMap(), (c) => {
      c.data = { "conf/app": "x" };
    }),
    [`data[conf/app]: Invalid value: "conf/app": ${CONFIG_KEY}`],
  ],
  [
    "refuses a key present in both data and binaryData",
    edit(configMap(), (c) => {
      c.binaryData = { "app.conf": "eA==" };
    }),
    ['data[app.conf]: Invalid value: "app.conf": duplicate of key present in binaryData'],
  ],
  [
    "refuses binaryData that is not base64",
    edit(configMap(), (c) => {
      c.binaryData = { "logo.png": "not base64!" };
    }),
    ['binaryData[logo.png]: Invalid value: "not base64!": must be base64-encoded'],
  ],
  [
    "refuses a ConfigMap over 1 MiB",
    edit(configMap(), (c) => {
      c.data = { big: "x".repeat(1024 * 1024 + 1) };
    }),
    ["data: Too long: may not be more than 1048576 bytes"],
  ],
  ["a valid Secret has no errors", secret(), []],
  [
    "refuses Secret data that is not base64, without printing the value",
    edit(secret(), (s) => {
      s.data = { password: "hunter2" };
    }),
    ['data[password]: Invalid value: "<secret contents redacted>": must be base64-encoded'],
  ],
  [
    "refuses an invalid Secret key",
    edit(secret(), (s) => {
      s.data = { ".": "eA==" };
    }),
    [`data[.]: Invalid value: ".": must not be '.'`],
  ],
  [
    "refuses an invalid stringData key",
    edit(secret(), (s) => {
      s.stringData = { "a b": "x" };
    }),
    [`stringData[a b]: Invalid value: "a b": ${CONFIG_KEY}`],
  ],
  [
    "requires the certificate and key of a TLS secret",
    edit(secret(), (s) => {
      s.type = "kubernetes.io/tls";
      s.data = { "tls.crt": "eA==" };
    }),
    ["data[tls.key]: Required value"],
  ],
  [
    "accepts TLS keys given in stringData",
    edit(secret(), (s) => {
      s.type = "kubernetes.io/tls";
      s.stringData = { "tls.crt": "c", "tls.key": "k" };
    }),
    [],
  ],
];

describe("validateObject on ConfigMap and Secret", () => {
  it.each(cases)("%s", (_name, obj, expected) => {
    expect(messages(obj)).toEqual(expected);
  });
});
