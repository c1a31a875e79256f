import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import { parseImageArgs, setImage, setImageTarget } from "../../../../src/cli/commands/set-image.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { rejection } from "../../../helpers/store-objects.js";

const podSpec = () => ({
  initContainers: [{ name: "init", image: "busybox:1" }],
  containers: [
    { name: "app", image: "nginx:1" },
    { name: "side", image: "busybox:1" },
  ],
});

function workload(kind: string, apiVersion: string): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas: 1,
      selector: kind === "ReplicationController" ? { app: "web" } : { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: podSpec() },
    },
  };
}

function images(obj: KubeObject): string[] {
  const spec = (
    obj.kind === "Pod" ? obj.spec : (obj.spec as { template: { spec: unknown } }).template.spec
  ) as ReturnType<typeof podSpec>;
  return [...spec.initContainers, ...spec.containers].map((c) => `${c.name}=${c.image}`);
}

describe("set image", () => {
  let registry: Registry;

  beforeEach(() => {
    registry = createRegistry(new MemoryBackend());
  });

  afterEach(async () => {
    await registry.close();
  });

  it.each([
    ["deploy", workload("Deployment", "apps/v1"), "deployment.apps/web image updated"],
    ["rs", workload("ReplicaSet", "apps/v1"), "replicaset.apps/web image updated"],
    ["rc", workload("ReplicationController", "v1"), "replicationcontroller/web image updated"],
  ])("updates the named container of a %s's pod template", async (word, obj, message) => {
    await registry.create(obj);
    expect(await setImage(registry, word, "web", { app: "nginx:2" })).toEqual({ output: message, exitCode: 0 });
    expect(images(await registry.get(obj.kind, "default", "web"))).toEqual([
      "init=busybox:1",
      "app=nginx:2",
      "side=busybox:1",
    ]);
  });

  it("sets every container, init containers included, with *", async () => {
    await registry.create(workload("Deployment", "apps/v1"));
    await setImage(registry, "deployment", "web", { "*": "busybox:2" });
    expect(images(await registry.get("Deployment", "default", "web"))).toEqual([
      "init=busybox:2",
      "app=busybox:2",
      "side=busybox:2",
    ]);
  });

  it("updates a Pod's own containers", async () => {
    await registry.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: "default" },
      spec: podSpec(),
    });
    expect((await setImage(registry, "po", "web", { side: "busybox:2" })).output).toBe("pod/web image updated");
    expect(images(await registry.get("Pod", "default", "web"))).toContain("side=busybox:2");
  });

  it("refuses a container that does not exist and writes nothing", async () => {
    const created = await registry.create(workload("Deployment", "apps/v1"));
    const error = await rejection(setImage(registry, "deploy", "web", { app: "nginx:2", db: "postgres" }));
    expect([error.code, error.message]).toEqual(["Invalid", 'unable to find container named "db"']);
    const live = await registry.get("Deployment", "default", "web");
    expect(live.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it("prints nothing and writes nothing when the images already match", async () => {
    const created = await registry.create(workload("Deployment", "apps/v1"));
    expect((await setImage(registry, "deploy", "web", { app: "nginx:1" })).output).toBe("");
    expect((await registry.get("Deployment", "default", "web")).metadata.resourceVersion).toBe(
      created.metadata.resourceVersion,
    );
  });

  it("refuses kinds without containers and malformed arguments", async () => {
    expect((await rejection(setImage(registry, "svc", "web", { app: "x" }))).code).toBe("Usage");
    expect(parseImageArgs(["app=nginx:2", "side=reg:5000/busybox:1"])).toEqual({
      app: "nginx:2",
      side: "reg:5000/busybox:1",
    });
    expect(() => parseImageArgs(["nginx"])).toThrow(/expected CONTAINER=IMAGE/);
    expect(() => parseImageArgs(["app="])).toThrow(/expected CONTAINER=IMAGE/);
  });
});

describe("set image arguments", () => {
  it("accept KIND/NAME or KIND NAME followed by CONTAINER=IMAGE pairs", () => {
    expect(setImageTarget(["deployment/web", "app=nginx:2"])).toEqual({
      kindWord: "deployment",
      name: "web",
      images: { app: "nginx:2" },
    });
    expect(setImageTarget(["rc", "web", "app=a", "side=b"])).toEqual({
      kindWord: "rc",
      name: "web",
      images: { app: "a", side: "b" },
    });
  });

  it("refuse a missing name or image", () => {
    expect(() => setImageTarget(["deployment/web"])).toThrow(/at least one CONTAINER=IMAGE/);
    expect(() => setImageTarget(["deployment", "app=nginx"])).toThrow(/KIND\/NAME/);
  });
});
