import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import { readLive } from "../../../src/sync/index.js";
import { FakeClient } from "../../helpers/fake-client.js";

const cm = (name: string, labels: Record<string, string> = {}, namespace = "default"): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace, labels },
});

describe("readLive", () => {
  it("returns this source's objects and objects at desired keys, nothing else", async () => {
    const client = new FakeClient([
      cm("mine", { "slipway.dev/source": "demo" }),
      cm("theirs", { "slipway.dev/source": "other" }),
      cm("wanted-but-theirs", { "slipway.dev/source": "other" }),
      cm("unrelated"),
      cm("no-namespace-in-manifest"),
    ]);
    const desired = [
      { object: cm("wanted-but-theirs") },
      { object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "no-namespace-in-manifest" } } },
    ];
    const live = await readLive(client, { desired, sourceId: "demo" });
    expect(live.map((o) => o.metadata.name).sort()).toEqual(["mine", "no-namespace-in-manifest", "wanted-but-theirs"]);
  });
});
