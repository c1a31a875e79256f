import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import { configMap, edit, messages, pod } from "./objects.js";

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const cases: [string, KubeObject, string[]][] = [
  [
    "requires a name or generateName",
    edit(configMap(), (c) => {
      delete c.metadata.name;
    }),
    ["metadata.name: Required value: name or generateName is required"],
  ],
  [
    "requires a name when metadata is missing altogether",
    edit(configMap(), (c) => {
      delete (c as Partial<typeof c>).metadata;
    }),
    ["metadata.name: Required value: name or generateName is required"],
  ],
  [
    "accepts generateName ending in a dash instead of a name",
    edit(configMap(), (c) => {
      delete c.metadata.name;
      c.metadata.generateName = "settings-";
    }),
    [],
  ],
  [
    "refuses a name that is not a DNS-1123 subdomain",
    edit(configMap(), (c) => {
      c.metadata.name = "My_Settings";
    }),
    [`metadata.name: Invalid value: "My_Settings": ${SUBDOMAIN}`],
  ],
  [
    "refuses a name over 253 characters",
    edit(configMap(), (c) => {
      c.metadata.name = "a".repeat(254);
    }),
    [`metadata.name: Invalid value: "${"a".repeat(254)}": must be no more than 253 characters`],
  ],
  ["does not require a namespace (it is defaulted upstream)", edit(pod(), (p) => void delete p.metadata.namespace), []],
  [
    "refuses a namespace that is not a DNS-1123 label",
    edit(pod(), (p) => {
      p.metadata.namespace = "team.a";
    }),
    [
      `metadata.namespace: Invalid value: "team.a": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
  ],
  [
    "refuses a label key with a bad prefix",
    edit(configMap(), (c) => {
      c.metadata.labels = { "Example.com/app": "web" };
    }),
    [`metadata.labels: Invalid value: "Example.com/app": prefix part ${SUBDOMAIN}`],
  ],
  [
    "refuses a label value over 63 characters",
    edit(configMap(), (c) => {
      c.metadata.labels = { app: "v".repeat(64) };
    }),
    [`metadata.labels: Invalid value: "${"v".repeat(64)}": must be no more than 63 characters`],
  ],
  [
    "accepts prefixed label keys and empty values",
    edit(configMap(), (c) => {
      c.metadata.labels = { "app.kubernetes.io/name": "web", canary: "" };
    }),
    [],
  ],
  [
    "refuses annotations over 256 KiB in total",
    edit(configMap(), (c) => {
      c.metadata.annotations = { a: "x".repeat(200 * 1024), b: "y".repeat(60 * 1024) };
    }),
    ["metadata.annotations: Too long: may not be more than 262144 bytes"],
  ],
  [
    "refuses an annotation key with two slashes",
    edit(configMap(), (c) => {
      c.metadata.annotations = { "a/b/c": "x" };
    }),
    [
      `metadata.annotations: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
  ],
  [
    "requires the uid of an owner reference",
    edit(configMap(), (c) => {
      c.metadata.ownerReferences = [{ apiVersion: "v1", kind: "Pod", name: "p", uid: "" }];
    }),
    ['metadata.ownerReferences[0].uid: Invalid value: "": uid must not be empty'],
  ],
];

describe("validateObject on metadata", () => {
  it.each(cases)("%s", (_name, obj, expected) => {
    expect(messages(obj)).toEqual(expected);
  });
});
