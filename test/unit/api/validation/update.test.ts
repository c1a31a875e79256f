import { describe, expect, it } from "vitest";
import { formatFieldError } from "../../../../src/api/errors.js";
import type { KubeObject } from "../../../../src/api/object.js";
import type { Pod } from "../../../../src/api/types/index.js";
import { validateObjectUpdate } from "../../../../src/api/validation/index.js";
import { configMap, deployment, edit, pod, replicaSet, secret, service } from "./objects.js";

const POD_SPEC = "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`";
const withIP = edit(service(), (s) => {
  s.spec!.clusterIP = "10.96.0.10";
});

const frozen = edit(configMap(), (c) => {
  c.immutable = true;
});
const frozenSecret = edit(secret(), (s) => {
  s.immutable = true;
});

const cases: [string, KubeObject, KubeObject, string[]][] = [
  ["allows an unchanged object", configMap(), configMap(), []],
  [
    "refuses a renamed object",
    edit(configMap(), (c) => {
      c.metadata.name = "other";
    }),
    configMap(),
    ['metadata.name: Invalid value: "other": field is immutable'],
  ],
  [
    "refuses a moved object",
    edit(pod(), (p) => {
      p.metadata.namespace = "prod";
    }),
    pod(),
    ['metadata.namespace: Invalid value: "prod": field is immutable'],
  ],
  [
    "refuses a changed Deployment selector",
    edit(deployment(), (d) => {
      d.spec.selector = { matchLabels: { app: "web", tier: "front" } };
      d.spec.template.metadata!.labels = { app: "web", tier: "front" };
    }),
    deployment(),
    ['spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"front"}}: field is immutable'],
  ],
  [
    "refuses a changed ReplicaSet selector",
    edit(replicaSet(), (r) => {
      r.spec.selector = { matchExpressions: [{ key: "app", operator: "In", values: ["web"] }] };
    }),
    replicaSet(),
    [
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"In","values":["web"]}]}: field is immutable',
    ],
  ],
  [
    "allows scaling a Deployment",
    edit(deployment(), (d) => {
      d.spec.replicas = 10;
    }),
    deployment(),
    [],
  ],
  ["allows the first clusterIP to be set", withIP, service(), []],
  [
    "refuses a changed clusterIP",
    edit(withIP, (s) => {
      s.spec!.clusterIP = "10.96.0.11";
    }),
    withIP,
    ['spec.clusterIP: Invalid value: "10.96.0.11": field is immutable'],
  ],
  [
    "refuses removing a clusterIP once set",
    service(),
    withIP,
    ['spec.clusterIP: Invalid value: "": field is immutable'],
  ],
  [
    "allows a new container image",
    edit(pod(), (p) => {
      p.spec.containers[0]!.image = "nginx:1.28";
    }),
    pod(),
    [],
  ],
  [
    "allows binding a pod to a node",
    edit(pod(), (p) => {
      p.spec.nodeName = "node-1";
    }),
    pod(),
    [],
  ],
  [
    "refuses moving a bound pod to another node",
    edit(pod(), (p) => {
      p.spec.nodeName = "node-2";
    }),
    edit(pod(), (p: Pod) => {
      p.spec.nodeName = "node-1";
    }),
    [POD_SPEC],
  ],
  [
    "refuses any other pod spec change",
    edit(pod(), (p) => {
      p.spec.containers[0]!.ports = [];
    }),
    pod(),
    [POD_SPEC],
  ],
  [
    "allows changing the data of a mutable ConfigMap",
    edit(configMap(), (c) => {
      c.data = { "app.conf": "x=2" };
    }),
    configMap(),
    [],
  ],
  [
    "refuses changing the data of an immutable ConfigMap",
    edit(frozen, (c) => {
      c.data = { "app.conf": "x=2" };
    }),
    frozen,
    ["data: Forbidden: field is immutable when `immutable` is set"],
  ],
  [
    "refuses making an immutable ConfigMap mutable again",
    edit(frozen, (c) => {
      c.immutable = false;
    }),
    frozen,
    ["immutable: Forbidden: field is immutable when `immutable` is set"],
  ],
  [
    "refuses changing the data of an immutable Secret",
    edit(frozenSecret, (s) => {
      s.data = { password: "b3RoZXI=" };
    }),
    frozenSecret,
    ["data: Forbidden: field is immutable when `immutable` is set"],
  ],
  [
    "refuses changing a Secret's type",
    edit(secret(), (s) => {
      s.type = "kubernetes.io/basic-auth";
      s.stringData = { username: "admin" };
    }),
    secret(),
    ['type: Invalid value: "kubernetes.io/basic-auth": field is immutable'],
  ],
  [
    "reports validation errors of the new object too",
    edit(configMap(), (c) => {
      c.metadata.name = "Bad";
    }),
    edit(configMap(), (c) => {
      c.metadata.name = "Bad";
    }),
    [
      `metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
  ],
];

describe("validateObjectUpdate", () => {
  it.each(cases)("%s", (_name, next, previous, expected) => {
    expect(validateObjectUpdate(next, previous).map((e) => formatFieldError(e))).toEqual(expected);
  });
});
