import { describe, expect, it } from "vitest";
import { KINDS } from "../../../../src/api/kinds.js";
import type { KubeObject } from "../../../../src/api/object.js";
import { STRUCTS } from "../../../../src/api/validation/schema.js";
import { deployment, edit, messages, pod, service } from "./objects.js";

const cases: [string, KubeObject, string[]][] = [
  [
    "reports an unknown field with its path",
    edit(deployment(), (d) => {
      (d.spec as unknown as Record<string, unknown>).replicass = 3;
    }),
    ["spec.replicass: Unknown field"],
  ],
  [
    "reports unknown fields deep inside lists, together with the other errors",
    edit(deployment(), (d) => {
      const c = d.spec.template.spec.containers[0] as unknown as Record<string, unknown>;
      c.imagee = c.image;
      delete c.image;
    }),
    [
      "spec.template.spec.containers[0].imagee: Unknown field",
      "spec.template.spec.containers[0].image: Required value",
    ],
  ],
  [
    "refuses a string where an integer belongs, and stops there",
    edit(deployment(), (d) => {
      (d.spec as unknown as Record<string, unknown>).replicas = "three";
      d.spec.template.spec.containers = [];
    }),
    ['spec.replicas: Invalid value: "three": must be an integer'],
  ],
  [
    "refuses a fractional integer",
    edit(deployment(), (d) => {
      d.spec.replicas = 1.5;
    }),
    ["spec.replicas: Invalid value: 1.5: must be an integer"],
  ],
  [
    "refuses an object where a list belongs",
    edit(pod(), (p) => {
      (p.spec as unknown as Record<string, unknown>).containers = { name: "web" };
    }),
    ['spec.containers: Invalid value: {"name":"web"}: must be a list'],
  ],
  [
    "refuses a non-string label value",
    edit(pod(), (p) => {
      p.metadata.labels = { replicas: 3 as unknown as string };
    }),
    ["metadata.labels[replicas]: Invalid value: 3: must be a string"],
  ],
  [
    "refuses a boolean where an int-or-string belongs",
    edit(service(), (s) => {
      s.spec!.ports = [{ port: 80, targetPort: true as unknown as number }];
    }),
    ["spec.ports[0].targetPort: Invalid value: true: must be an integer or a string"],
  ],
  [
    "refuses a list where an object belongs",
    edit(pod(), (p) => {
      (p as Record<string, unknown>).metadata = ["web"];
    }),
    ['metadata: Invalid value: ["web"]: must be an object'],
  ],
  [
    "treats null as absent, as YAML's empty values are",
    edit(pod(), (p) => {
      (p.spec as unknown as Record<string, unknown>).nodeSelector = null;
    }),
    [],
  ],
  [
    "accepts numbers as quantities",
    edit(pod(), (p) => {
      p.spec.containers[0]!.resources = { limits: { cpu: 2 } };
    }),
    [],
  ],
  [
    "refuses an unknown kind and lists the served kinds",
    { apiVersion: "v1", kind: "Widget", metadata: { name: "w" } },
    [
      'kind: Unsupported value: "Widget": supported values: "Namespace", "Node", "ConfigMap", "Secret", "Service", "Endpoints", "Pod", "ReplicationController", "Event", "ReplicaSet", "Deployment"',
    ],
  ],
  [
    "refuses a kind under the wrong apiVersion",
    edit(deployment(), (d) => {
      (d as KubeObject).apiVersion = "extensions/v1beta1";
    }),
    ['apiVersion: Unsupported value: "extensions/v1beta1": supported values: "apps/v1"'],
  ],
];

describe("the structural pass", () => {
  it.each(cases)("%s", (_name, obj, expected) => {
    expect(messages(obj)).toEqual(expected);
  });
});

describe("the schema table", () => {
  const primitives = new Set(["string", "int", "number", "bool", "quantity", "intOrString", "any"]);
  const fieldTypes = Object.entries(STRUCTS).flatMap(([struct, fields]) =>
    Object.entries(fields).map(([field, type]) => [`${struct}.${field}`, type] as const),
  );

  it("names only types it defines", () => {
    const undefinedTypes = fieldTypes.filter(([, type]) => {
      const base = type.replace(/^\[\]/, "").replace(/^map\[(.*)\]$/, "$1");
      return !primitives.has(base) && !Object.hasOwn(STRUCTS, base);
    });
    expect(undefinedTypes).toEqual([]);
  });

  it.each(KINDS.map((k) => k.kind))("has a root struct for %s", (kind) => {
    expect(STRUCTS[kind]).toBeDefined();
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe("validateObject purity", () => {
  it.each([
    ["a valid deployment", deployment()],
    [
      "a pod with nulls and errors",
      edit(pod(), (p) => void Object.assign(p.spec, { nodeSelector: null, restartPolicy: "x" })),
    ],
  ])("never changes its input (%s)", (_name, obj) => {
    const before = structuredClone(obj);
    messages(deepFreeze(obj));
    expect(obj).toEqual(before);
  });
});
