/** Valid objects of every kind, and a helper to derive an edited copy: the starting point of each case. */

import { formatFieldError } from "../../../../src/api/errors.js";
import type { KubeObject } from "../../../../src/api/object.js";
import type {
  ConfigMap,
  Deployment,
  Endpoints,
  Event,
  Namespace,
  Node,
  Pod,
  PodSpec,
  ReplicaSet,
  ReplicationController,
  Secret,
  Service,
} from "../../../../src/api/types/index.js";
import { validateObject } from "../../../../src/api/validation/index.js";

export function podSpec(): PodSpec {
  return {
    containers: [
      {
        name: "web",
        image: "nginx:1.27",
        ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
        resources: { requests: { cpu: "250m", memory: "64Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
        volumeMounts: [{ name: "data", mountPath: "/data" }],
      },
    ],
    volumes: [{ name: "data", emptyDir: {} }],
  };
}

export function pod(): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: podSpec() };
}

const template = () => ({ metadata: { labels: { app: "web" } }, spec: podSpec() });

export function replicationController(): ReplicationController {
  return {
    apiVersion: "v1",
    kind: "ReplicationController",
    metadata: { name: "web" },
    spec: { replicas: 2, selector: { app: "web" }, template: template() },
  };
}

export function replicaSet(): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "web" },
    spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: template() },
  };
}

export function deployment(): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: template(),
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } },
    },
  };
}

export function service(): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }] },
  };
}

export function endpoints(): Endpoints {
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "web" },
    subsets: [{ addresses: [{ ip: "10.1.0.5" }], ports: [{ name: "http", port: 80, protocol: "TCP" }] }],
  };
}

export function configMap(): ConfigMap {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "settings" },
    data: { "app.conf": "x=1" },
    binaryData: { "logo.png": "iVBORw0K" },
  };
}

export function secret(): Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "creds" },
    type: "Opaque",
    data: { password: "c2VjcmV0" },
    stringData: { user: "admin" },
  };
}

export function namespace(): Namespace {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } };
}

export function node(): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "node-1.example" },
    spec: { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] },
  };
}

export function event(): Event {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "web.17a0", namespace: "default" },
    involvedObject: { kind: "Pod", name: "web", namespace: "default" },
    reason: "Scheduled",
    type: "Normal",
    count: 1,
  };
}

/** A deep copy of `obj` changed by `change`; the original is never touched. */
export function edit<T>(obj: T, change: (copy: T) => void): T {
  const copy = structuredClone(obj);
  change(copy);
  return copy;
}

/** The errors as the user reads them. */
export function messages(obj: KubeObject): string[] {
  return validateObject(obj).map((e) => formatFieldError(e));
}
