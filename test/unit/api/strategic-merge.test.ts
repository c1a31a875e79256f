import { describe, expect, it } from "vitest";
import { applyStrategicMergePatch, createThreeWayMergePatch } from "../../../src/api/strategic-merge.js";

const pod = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "default" },
  spec: { containers, ...extra },
});

describe("applyStrategicMergePatch", () => {
  it("merges maps recursively and deletes fields set to null", () => {
    const result = applyStrategicMergePatch(
      "ConfigMap",
      { metadata: { labels: { a: "1", b: "2" } }, data: { x: "1" } },
      { metadata: { labels: { b: null, c: "3" } }, data: { y: "2" } },
    );
    expect(result).toEqual({ metadata: { labels: { a: "1", c: "3" } }, data: { x: "1", y: "2" } });
  });

  it("merges containers by name, not by index", () => {
    const live = pod([
      { name: "a", image: "a:1" },
      { name: "b", image: "b:1" },
    ]);
    const result = applyStrategicMergePatch("Pod", live, { spec: { containers: [{ name: "b", image: "b:2" }] } });
    expect(result).toEqual(
      pod([
        { name: "a", image: "a:1" },
        { name: "b", image: "b:2" },
      ]),
    );
  });

  it("appends keyed items the original lacks and deletes items marked $patch: delete", () => {
    const live = pod([
      {
        name: "a",
        image: "a:1",
        env: [
          { name: "X", value: "1" },
          { name: "Y", value: "2" },
        ],
      },
    ]);
    const patch = {
      spec: {
        containers: [
          {
            name: "a",
            env: [
              { name: "X", $patch: "delete" },
              { name: "Z", value: "3" },
            ],
          },
          { name: "c", image: "c:1" },
        ],
      },
    };
    expect(applyStrategicMergePatch("Pod", live, patch)).toEqual(
      pod([
        {
          name: "a",
          image: "a:1",
          env: [
            { name: "Y", value: "2" },
            { name: "Z", value: "3" },
          ],
        },
        { name: "c", image: "c:1" },
      ]),
    );
  });

  it("matches container ports by containerPort and protocol, a missing protocol meaning TCP", () => {
    const live = pod([
      {
        name: "a",
        ports: [
          { containerPort: 53, protocol: "TCP", name: "dns-tcp" },
          { containerPort: 53, protocol: "UDP", name: "dns" },
        ],
      },
    ]);
    const patch = { spec: { containers: [{ name: "a", ports: [{ containerPort: 53, name: "tcp" }] }] } };
    const result = applyStrategicMergePatch("Pod", live, patch) as ReturnType<typeof pod>;
    expect(result.spec.containers).toEqual([
      {
        name: "a",
        ports: [
          { containerPort: 53, protocol: "TCP", name: "tcp" },
          { containerPort: 53, protocol: "UDP", name: "dns" },
        ],
      },
    ]);
  });

  it("merges service ports by port", () => {
    const live = { kind: "Service", spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    const result = applyStrategicMergePatch("Service", live, { spec: { ports: [{ port: 80, targetPort: 9090 }] } });
    expect(result).toEqual({ kind: "Service", spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } });
  });

  it("replaces lists without a merge key whole (tolerations, args)", () => {
    const live = pod([{ name: "a", args: ["x", "y"] }], { tolerations: [{ key: "k1" }, { key: "k2" }] });
    const patch = { spec: { containers: [{ name: "a", args: ["z"] }], tolerations: [{ key: "k3" }] } };
    expect(applyStrategicMergePatch("Pod", live, patch)).toEqual(
      pod([{ name: "a", args: ["z"] }], { tolerations: [{ key: "k3" }] }),
    );
  });

  it("treats finalizers as a set and honours $deleteFromPrimitiveList", () => {
    const live = { metadata: { finalizers: ["a", "b"] } };
    const patch = { metadata: { finalizers: ["b", "c"], "$deleteFromPrimitiveList/finalizers": ["a"] } };
    expect(applyStrategicMergePatch("ConfigMap", live, patch)).toEqual({ metadata: { finalizers: ["b", "c"] } });
  });

  it("replaces a map or a list when told $patch: replace", () => {
    const live = pod([{ name: "a" }, { name: "b" }], { nodeSelector: { x: "1" } });
    const patch = {
      spec: { containers: [{ $patch: "replace" }, { name: "c" }], nodeSelector: { y: "2", $patch: "replace" } },
    };
    expect(applyStrategicMergePatch("Pod", live, patch)).toEqual(pod([{ name: "c" }], { nodeSelector: { y: "2" } }));
  });

  it("deletes a map marked $patch: delete and tolerates $setElementOrder", () => {
    const live = { spec: { strategy: { type: "Recreate" }, containers: [{ name: "a" }] } };
    const patch = {
      spec: { strategy: { $patch: "delete" }, "$setElementOrder/containers": [{ name: "a" }] },
    };
    expect(applyStrategicMergePatch("Pod", live, patch)).toEqual({ spec: { containers: [{ name: "a" }] } });
  });

  it("merges ownerReferences by uid and conditions by type", () => {
    const live = {
      metadata: { ownerReferences: [{ uid: "1", name: "a" }] },
      status: { conditions: [{ type: "Ready", status: "False" }] },
    };
    const patch = {
      metadata: { ownerReferences: [{ uid: "2", name: "b" }] },
      status: { conditions: [{ type: "Ready", status: "True" }] },
    };
    expect(applyStrategicMergePatch("Deployment", live, patch)).toEqual({
      metadata: {
        ownerReferences: [
          { uid: "1", name: "a" },
          { uid: "2", name: "b" },
        ],
      },
      status: { conditions: [{ type: "Ready", status: "True" }] },
    });
  });

  it("keeps only the fields named by $retainKeys (as kubectl sends for a strategy change)", () => {
    const live = { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } };
    const patch = { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } };
    expect(applyStrategicMergePatch("Deployment", live, patch)).toEqual({ spec: { strategy: { type: "Recreate" } } });
  });

  it("merges volumes by name and volumeMounts by mountPath inside a pod template", () => {
    const live = {
      spec: {
        template: {
          spec: {
            volumes: [{ name: "data", emptyDir: {} }],
            containers: [{ name: "a", volumeMounts: [{ name: "data", mountPath: "/data" }] }],
          },
        },
      },
    };
    const patch = {
      spec: {
        template: {
          spec: {
            volumes: [{ name: "cfg", configMap: { name: "c" } }],
            containers: [{ name: "a", volumeMounts: [{ mountPath: "/data", readOnly: true }] }],
          },
        },
      },
    };
    expect(applyStrategicMergePatch("ReplicaSet", live, patch)).toEqual({
      spec: {
        template: {
          spec: {
            volumes: [
              { name: "data", emptyDir: {} },
              { name: "cfg", configMap: { name: "c" } },
            ],
            containers: [{ name: "a", volumeMounts: [{ name: "data", mountPath: "/data", readOnly: true }] }],
          },
        },
      },
    });
  });

  it("never mutates its inputs", () => {
    const live = pod([{ name: "a", image: "a:1" }]);
    const patch = { spec: { containers: [{ name: "a", image: "a:2" }] } };
    const liveCopy = structuredClone(live);
    const patchCopy = structuredClone(patch);
    applyStrategicMergePatch("Pod", live, patch);
    expect(live).toEqual(liveCopy);
    expect(patch).toEqual(patchCopy);
  });
});

describe("createThreeWayMergePatch", () => {
  const deployment = (spec: Record<string, unknown>) => ({ apiVersion: "apps/v1", kind: "Deployment", spec });

  it("returns an empty patch when live already has everything the manifest sets", () => {
    const desired = deployment({ replicas: 2 });
    const live = deployment({ replicas: 2, revisionHistoryLimit: 10 });
    expect(createThreeWayMergePatch({ kind: "Deployment", lastApplied: desired, desired, live })).toEqual({});
  });

  it("sets changed fields, deletes fields the manifest dropped, keeps fields it never set", () => {
    const lastApplied = deployment({ replicas: 2, paused: false });
    const desired = deployment({ replicas: 3 });
    const live = deployment({ replicas: 2, paused: false, revisionHistoryLimit: 10 });
    const patch = createThreeWayMergePatch({ kind: "Deployment", lastApplied, desired, live });
    expect(patch).toEqual({ spec: { replicas: 3, paused: null } });
    expect(applyStrategicMergePatch("Deployment", live, patch)).toEqual(
      deployment({ replicas: 3, revisionHistoryLimit: 10 }),
    );
  });

  it("leaves replicas set by scale alone when the manifest never set them", () => {
    const lastApplied = deployment({ paused: false });
    const live = deployment({ paused: false, replicas: 5 });
    expect(createThreeWayMergePatch({ kind: "Deployment", lastApplied, desired: lastApplied, live })).toEqual({});
  });

  it("deletes keyed items removed from the manifest and keeps items others added", () => {
    const lastApplied = pod([
      {
        name: "a",
        env: [
          { name: "X", value: "1" },
          { name: "Y", value: "2" },
        ],
      },
      { name: "b" },
    ]);
    const desired = pod([{ name: "a", env: [{ name: "X", value: "1" }] }]);
    const live = pod([
      { name: "sidecar" },
      {
        name: "a",
        env: [
          { name: "X", value: "1" },
          { name: "Y", value: "2" },
        ],
      },
      { name: "b" },
    ]);
    const patch = createThreeWayMergePatch({ kind: "Pod", lastApplied, desired, live });
    expect(patch).toEqual({
      spec: {
        containers: [
          { name: "a", env: [{ name: "Y", $patch: "delete" }] },
          { name: "b", $patch: "delete" },
        ],
      },
    });
    expect(applyStrategicMergePatch("Pod", live, patch)).toEqual(
      pod([{ name: "sidecar" }, { name: "a", env: [{ name: "X", value: "1" }] }]),
    );
  });

  it("adds and removes finalizers as a set", () => {
    const lastApplied = { metadata: { finalizers: ["a", "b"] } };
    const desired = { metadata: { finalizers: ["a", "c"] } };
    const live = { metadata: { finalizers: ["a", "b", "other"] } };
    const patch = createThreeWayMergePatch({ kind: "ConfigMap", lastApplied, desired, live });
    expect(applyStrategicMergePatch("ConfigMap", live, patch)).toEqual({
      metadata: { finalizers: ["a", "other", "c"] },
    });
  });

  it("builds a patch that creates a keyed list live lacks and deletes nothing others added", () => {
    const lastApplied = pod([{ name: "a" }], { volumes: [{ name: "old", emptyDir: {} }] });
    const desired = pod([{ name: "a" }], { volumes: [{ name: "new", emptyDir: {} }] });
    const live = pod([{ name: "a" }]);
    const patch = createThreeWayMergePatch({ kind: "Pod", lastApplied, desired, live });
    expect(applyStrategicMergePatch("Pod", live, patch)).toEqual(desired);
  });

  it("changes an atomic list inside a keyed item as a whole", () => {
    const lastApplied = pod([{ name: "a", args: ["--x", "--y"] }]);
    const desired = pod([{ name: "a", args: ["--x"] }]);
    const live = pod([{ name: "a", args: ["--x", "--y"], imagePullPolicy: "Always" }]);
    const patch = createThreeWayMergePatch({ kind: "Pod", lastApplied, desired, live });
    expect(patch).toEqual({ spec: { containers: [{ name: "a", args: ["--x"] }] } });
    expect(applyStrategicMergePatch("Pod", live, patch)).toEqual(
      pod([{ name: "a", args: ["--x"], imagePullPolicy: "Always" }]),
    );
  });

  it("treats a missing last-applied configuration as deleting nothing", () => {
    const desired = { data: { a: "1" } };
    const live = { data: { a: "0", b: "2" } };
    expect(createThreeWayMergePatch({ kind: "ConfigMap", lastApplied: null, desired, live })).toEqual({
      data: { a: "1" },
    });
  });
});
