import { describe, expect, it } from "vitest";
import type { Container, Pod } from "../../../../src/api/types/index.js";
import { edit, messages, pod } from "./objects.js";

/** A pod whose first container is changed by `change`. */
function withContainer(change: (c: Container) => void): Pod {
  return edit(pod(), (p) => change(p.spec.containers[0] as Container));
}

const cases: [string, Pod, string[]][] = [
  ["a valid pod has no errors", pod(), []],
  [
    "requires at least one container",
    edit(pod(), (p) => {
      p.spec.containers = [];
    }),
    ["spec.containers: Required value"],
  ],
  [
    "requires a container image",
    withContainer((c) => {
      c.image = "";
    }),
    ["spec.containers[0].image: Required value"],
  ],
  [
    "requires a container name",
    withContainer((c) => {
      c.name = "";
    }),
    ["spec.containers[0].name: Required value"],
  ],
  [
    "refuses a container name that is not a DNS-1123 label",
    withContainer((c) => {
      c.name = "Web_1";
    }),
    [
      `spec.containers[0].name: Invalid value: "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
  ],
  [
    "refuses two containers with the same name",
    edit(pod(), (p) => p.spec.containers.push({ name: "web", image: "busybox" })),
    ['spec.containers[1].name: Duplicate value: "web"'],
  ],
  [
    "requires a containerPort",
    withContainer((c) => {
      c.ports = [{ containerPort: 0 }];
    }),
    ["spec.containers[0].ports[0].containerPort: Required value"],
  ],
  [
    "refuses a containerPort out of range",
    withContainer((c) => {
      c.ports = [{ containerPort: 70000 }];
    }),
    ["spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"],
  ],
  [
    "refuses an unsupported protocol and lists the supported ones",
    withContainer((c) => {
      c.ports = [{ containerPort: 80, protocol: "HTTP" as "TCP" }];
    }),
    ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
  ],
  [
    "refuses a port name that is not an IANA service name",
    withContainer((c) => {
      c.ports = [{ name: "http--x", containerPort: 80 }];
    }),
    ['spec.containers[0].ports[0].name: Invalid value: "http--x": must not contain consecutive hyphens'],
  ],
  [
    "refuses duplicate port names in one container",
    withContainer((c) => {
      c.ports = [
        { name: "http", containerPort: 80 },
        { name: "http", containerPort: 81 },
      ];
    }),
    ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
  ],
  [
    "requires an env var name",
    withContainer((c) => {
      c.env = [{ name: "", value: "x" }];
    }),
    ["spec.containers[0].env[0].name: Required value"],
  ],
  [
    "refuses a value together with valueFrom",
    withContainer((c) => {
      c.env = [{ name: "A", value: "x", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }];
    }),
    ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty'],
  ],
  [
    "refuses valueFrom with two sources",
    withContainer((c) => {
      c.env = [
        {
          name: "A",
          valueFrom: { configMapKeyRef: { name: "cm", key: "k" }, secretKeyRef: { name: "s", key: "k" } },
        },
      ];
    }),
    ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time'],
  ],
  [
    "requires the key of a configMapKeyRef",
    withContainer((c) => {
      c.env = [{ name: "A", valueFrom: { configMapKeyRef: { name: "cm", key: "" } } }];
    }),
    ["spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value"],
  ],
  [
    "accepts a fieldRef to a label",
    withContainer((c) => {
      c.env = [{ name: "A", valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }];
    }),
    [],
  ],
  [
    "refuses a fieldRef to an unsupported field",
    withContainer((c) => {
      c.env = [{ name: "A", valueFrom: { fieldRef: { fieldPath: "spec.replicas" } } }];
    }),
    [
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.replicas": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.podIP", "status.podIPs", "metadata.labels", "metadata.annotations"',
    ],
  ],
  [
    "refuses a quantity that does not parse, in Kubernetes' words",
    withContainer((c) => {
      c.resources = { limits: { memory: "128MB" } };
    }),
    [
      `spec.containers[0].resources.limits[memory]: Invalid value: "128MB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ],
  ],
  [
    "refuses a resource name that is not a container resource",
    withContainer((c) => {
      c.resources = { limits: { cpus: "1" } };
    }),
    [
      'spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers',
    ],
  ],
  [
    "refuses a quota resource name in a container",
    withContainer((c) => {
      c.resources = { requests: { pods: "1" } };
    }),
    ['spec.containers[0].resources.requests[pods]: Invalid value: "pods": must be a standard resource for containers'],
  ],
  [
    "accepts hugepages and extended resources",
    withContainer((c) => {
      c.resources = { limits: { "hugepages-2Mi": "64Mi", "example.com/gpu": 1 } };
    }),
    [],
  ],
  [
    "refuses a Gt node selector requirement without exactly one value",
    edit(pod(), (p) => {
      p.spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "cores", operator: "Gt", values: ["1", "2"] }] }],
          },
        },
      };
    }),
    [
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
    ],
  ],
  [
    "refuses a negative quantity",
    withContainer((c) => {
      c.resources = { requests: { cpu: "-1" } };
    }),
    ['spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0'],
  ],
  [
    "refuses a request above its limit",
    withContainer((c) => {
      c.resources = { requests: { cpu: "1" }, limits: { cpu: "500m" } };
    }),
    ['spec.containers[0].resources.requests[cpu]: Invalid value: "1": must be less than or equal to cpu limit of 500m'],
  ],
  [
    "compares quantities by value, not text",
    withContainer((c) => {
      c.resources = { requests: { cpu: "0.5", memory: "1Gi" }, limits: { cpu: "500m", memory: 1073741824 } };
    }),
    [],
  ],
  [
    "refuses a volumeMount naming a missing volume",
    withContainer((c) => {
      c.volumeMounts = [{ name: "cache", mountPath: "/cache" }];
    }),
    ['spec.containers[0].volumeMounts[0].name: Not found: "cache"'],
  ],
  [
    "refuses two mounts at one path",
    withContainer((c) => {
      c.volumeMounts = [
        { name: "data", mountPath: "/data" },
        { name: "data", mountPath: "/data" },
      ];
    }),
    ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique'],
  ],
  [
    "refuses a subPath leaving its volume",
    withContainer((c) => {
      c.volumeMounts = [{ name: "data", mountPath: "/d", subPath: "../etc" }];
    }),
    [`spec.containers[0].volumeMounts[0].subPath: Invalid value: "../etc": must not contain '..'`],
  ],
  [
    "requires a probe handler",
    withContainer((c) => {
      c.livenessProbe = { periodSeconds: 5 };
    }),
    ["spec.containers[0].livenessProbe: Required value: must specify a handler type"],
  ],
  [
    "refuses two probe handlers",
    withContainer((c) => {
      c.readinessProbe = { httpGet: { port: 80 }, tcpSocket: { port: 80 } };
    }),
    ["spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"],
  ],
  [
    "refuses a probe port out of range",
    withContainer((c) => {
      c.readinessProbe = { httpGet: { port: 0 } };
    }),
    ["spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"],
  ],
  [
    "requires the command of an exec probe",
    withContainer((c) => {
      c.startupProbe = { exec: { command: [] } };
    }),
    ["spec.containers[0].startupProbe.exec.command: Required value"],
  ],
  [
    "requires a liveness successThreshold of 1",
    withContainer((c) => {
      c.livenessProbe = { tcpSocket: { port: "http" }, successThreshold: 2 };
    }),
    ["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"],
  ],
  [
    "refuses negative probe timings",
    withContainer((c) => {
      c.readinessProbe = { exec: { command: ["true"] }, periodSeconds: -1 };
    }),
    ["spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0"],
  ],
  [
    "refuses an unknown restartPolicy",
    edit(pod(), (p) => {
      p.spec.restartPolicy = "Sometimes" as "Always";
    }),
    ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
  ],
  [
    "accepts restartPolicy Never on a pod",
    edit(pod(), (p) => {
      p.spec.restartPolicy = "Never";
    }),
    [],
  ],
  [
    "refuses a negative grace period",
    edit(pod(), (p) => {
      p.spec.terminationGracePeriodSeconds = -5;
    }),
    ["spec.terminationGracePeriodSeconds: Invalid value: -5: must be greater than or equal to 0"],
  ],
  [
    "requires a volume source",
    edit(pod(), (p) => {
      p.spec.volumes = [{ name: "data" }];
    }),
    ["spec.volumes[0]: Required value: must specify a volume type"],
  ],
  [
    "refuses two volume sources",
    edit(pod(), (p) => {
      p.spec.volumes = [{ name: "data", emptyDir: {}, hostPath: { path: "/tmp" } }];
    }),
    ["spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type"],
  ],
  [
    "refuses duplicate volume names",
    edit(pod(), (p) => p.spec.volumes?.push({ name: "data", configMap: { name: "cm" } })),
    ['spec.volumes[1].name: Duplicate value: "data"'],
  ],
  [
    "requires the secretName of a secret volume",
    edit(pod(), (p) => p.spec.volumes?.push({ name: "s", secret: {} })),
    ["spec.volumes[1].secret.secretName: Required value"],
  ],
  [
    "refuses an invalid nodeSelector label",
    edit(pod(), (p) => {
      p.spec.nodeSelector = { disk: "fast ssd" };
    }),
    [
      `spec.nodeSelector: Invalid value: "fast ssd": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  ],
  [
    "requires node selector terms in a required node affinity",
    edit(pod(), (p) => {
      p.spec.affinity = {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
      };
    }),
    [
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term",
    ],
  ],
  [
    "requires values for an In node selector requirement",
    edit(pod(), (p) => {
      p.spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In" }] }],
          },
        },
      };
    }),
    [
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ],
  ],
  [
    "refuses a toleration with a value and operator Exists",
    edit(pod(), (p) => {
      p.spec.tolerations = [{ key: "k", operator: "Exists", value: "v" }];
    }),
    [`spec.tolerations[0].operator: Invalid value: "v": value must be empty when \`operator\` is 'Exists'`],
  ],
  [
    "refuses tolerationSeconds without effect NoExecute",
    edit(pod(), (p) => {
      p.spec.tolerations = [{ key: "k", value: "v", effect: "NoSchedule", tolerationSeconds: 5 }];
    }),
    [
      `spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
    ],
  ],
  [
    "refuses an unknown taint effect in a toleration",
    edit(pod(), (p) => {
      p.spec.tolerations = [{ operator: "Exists", effect: "Never" as "NoSchedule" }];
    }),
    [
      'spec.tolerations[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ],
  ],
  [
    "names every missing field when the spec is absent",
    edit(pod(), (p) => void delete (p as Partial<Pod>).spec),
    ["spec.containers: Required value"],
  ],
];

describe("validateObject on a Pod", () => {
  it.each(cases)("%s", (_name, obj, expected) => {
    expect(messages(obj)).toEqual(expected);
  });
});
