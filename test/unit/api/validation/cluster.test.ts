import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import { edit, event, messages, namespace, node } from "./objects.js";

const cases: [string, KubeObject, string[]][] = [
  ["a valid Namespace has no errors", namespace(), []],
  [
    "refuses a Namespace name that is not a DNS-1123 label",
    edit(namespace(), (n) => {
      n.metadata.name = "team.a";
    }),
    [
      `metadata.name: Invalid value: "team.a": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
  ],
  [
    "refuses a namespace on a cluster-scoped kind",
    edit(namespace(), (n) => {
      n.metadata.namespace = "default";
    }),
    ["metadata.namespace: Forbidden: not allowed on this type"],
  ],
  ["a valid Node has no errors", node(), []],
  [
    "refuses an unknown taint effect",
    edit(node(), (n) => {
      n.spec!.taints = [{ key: "k", effect: "Evict" as "NoSchedule" }];
    }),
    [
      'spec.taints[0].effect: Unsupported value: "Evict": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ],
  ],
  [
    "refuses the same taint key and effect twice",
    edit(node(), (n) => {
      n.spec!.taints = [
        { key: "k", value: "a", effect: "NoSchedule" },
        { key: "k", value: "b", effect: "NoSchedule" },
      ];
    }),
    ['spec.taints[1]: Duplicate value: {"key":"k","effect":"NoSchedule"}'],
  ],
  [
    "requires a taint key",
    edit(node(), (n) => {
      n.spec!.taints = [{ key: "", effect: "NoExecute" }];
    }),
    ["spec.taints[0].key: Required value"],
  ],
  ["a valid Event has no errors", event(), []],
  [
    "refuses an Event type other than Normal or Warning",
    edit(event(), (e) => {
      e.type = "Info" as "Normal";
    }),
    ['type: Unsupported value: "Info": supported values: "Normal", "Warning"'],
  ],
];

describe("validateObject on Namespace, Node and Event", () => {
  it.each(cases)("%s", (_name, obj, expected) => {
    expect(messages(obj)).toEqual(expected);
  });
});
