import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../../../src/api/client.js";
import { formatFieldError, SlipwayError } from "../../../src/api/errors.js";
import type { KubeObject } from "../../../src/api/object.js";
import { newPod, type StoreServer, startStoreServer } from "./harness.js";

/** What a caller can observe of a failure. */
function observed(error: unknown) {
  expect(error).toBeInstanceOf(SlipwayError);
  const e = error as SlipwayError;
  return {
    code: e.code,
    message: e.message,
    hint: e.hint,
    details: e.details,
    fieldErrors: e.fieldErrors.map((fe) => formatFieldError(fe)),
  };
}

type Failing = (client: Client, live: KubeObject) => Promise<unknown>;

const failures: [string, Failing][] = [
  ["get of a missing object", (c) => c.get("Pod", "default", "missing")],
  ["create of an existing object", (c) => c.create(newPod("live"))],
  [
    "update with a stale resourceVersion",
    (c, live) => c.update({ ...live, metadata: { ...live.metadata, resourceVersion: "1" } }),
  ],
  [
    "updateStatus with a stale resourceVersion",
    (c, live) => c.updateStatus({ ...live, metadata: { ...live.metadata, resourceVersion: "1" } }),
  ],
  ["patch of a missing object", (c) => c.patch("Pod", "default", "missing", {}, "merge")],
  ["delete of a missing object", (c) => c.delete("Pod", "default", "missing")],
  ["delete with a stale uid precondition", (c) => c.delete("Pod", "default", "live", { uid: "other" })],
  // Dry runs, so that whichever client goes first leaves nothing behind for the other.
  [
    "create without a name",
    (c) => c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { namespace: "default" } }, { dryRun: true }),
  ],
  [
    "create with an unknown field",
    (c) =>
      c.create(
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "default" }, datum: {} },
        { dryRun: true },
      ),
  ],
  [
    "create with an invalid name and port",
    (c) =>
      c.create(
        {
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: "Bad_Name", namespace: "default" },
          spec: { ports: [{ port: 70000 }] },
        },
        { dryRun: true },
      ),
  ],
];

describe("the HTTP client fails exactly like the in-process registry", () => {
  let t: StoreServer;
  let live: KubeObject;
  beforeAll(async () => {
    t = await startStoreServer();
    live = await t.registry.create(newPod("live"));
    await t.registry.update({ ...live, metadata: { ...live.metadata, labels: { v: "2" } } });
    live = await t.registry.get("Pod", "default", "live");
  });
  afterAll(() => t.close());

  it.each(failures)("on %s", async (_what, fail) => {
    const local = await fail(t.registry, live).then(
      () => undefined,
      (e: unknown) => e,
    );
    const remote = await fail(t.http, live).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (local === undefined) {
      // Whether this fails is the registry's business (validation may not refuse it yet); the
      // HTTP client must then succeed too.
      expect(remote).toBeUndefined();
      return;
    }
    expect(observed(remote)).toEqual(observed(local));
  });

  it("puts a namespaced object that names no namespace into default, as the registry does", async () => {
    const cm = (name: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: {} });
    const local = await t.registry.create(cm("local-cm"));
    const remote = await t.http.create(cm("remote-cm"));
    expect(remote.metadata.namespace).toBe(local.metadata.namespace);
    expect(remote.metadata.namespace).toBe("default");
    const updated = await t.http.update({ ...cm("remote-cm"), data: { a: "1" } });
    expect(updated.metadata.namespace).toBe("default");
  });

  it("on a watch from a compacted version", async () => {
    const rv = (await t.registry.list("Pod")).resourceVersion;
    await t.registry.create(newPod("later"));
    await t.backend.compact(await t.backend.currentRevision());
    const local = await t.registry.watch("Pod", { resourceVersion: rv }, () => {}).done.catch((e: unknown) => e);
    const remote = await t.http.watch("Pod", { resourceVersion: rv }, () => {}).done.catch((e: unknown) => e);
    expect(observed(remote)).toEqual(observed(local));
    expect(observed(remote).code).toBe("Gone");
  });
});
