import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Deployment } from "../../../../src/api/types/apps.js";
import {
  parseTimeout,
  rolloutHistory,
  rolloutPause,
  rolloutRestart,
  rolloutResume,
  rolloutStatus,
  rolloutTarget,
  rolloutUndo,
} from "../../../../src/cli/commands/rollout.js";
import { setImage } from "../../../../src/cli/commands/set-image.js";
import { rejection } from "../../../helpers/store-objects.js";
import { waitFor } from "../../../helpers/wait-for.js";
import { Harness, newDeployment } from "../../controllers/deployment/harness.js";

const REVISION = "deployment.kubernetes.io/revision";

describe("the rollout commands", () => {
  let h: Harness;

  beforeEach(async () => {
    h = new Harness();
    await h.start();
  });

  afterEach(async () => {
    await h.stop();
  });

  async function rolledOut(d: Deployment): Promise<void> {
    await h.create(d);
    await h.converge(d.metadata.name ?? "");
    await h.allAvailable();
    await h.converge(d.metadata.name ?? "");
  }

  async function changeImage(image: string, cause?: string): Promise<void> {
    await h.edit("web", (d) => {
      d.spec.template.spec.containers[0]!.image = image;
      if (cause) d.metadata.annotations = { ...d.metadata.annotations, "kubernetes.io/change-cause": cause };
    });
    for (let i = 0; i < 10; i++) {
      await h.converge("web");
      await h.allAvailable();
    }
    await h.converge("web");
  }

  describe("rollout status", () => {
    it("prints where the rollout stands in kubectl's words at each stage", async () => {
      const status = async () => (await rolloutStatus(h.registry, "web", { watch: false })).output;
      await h.create(newDeployment("web", { replicas: 3 }));
      expect(await status()).toBe("Waiting for deployment spec update to be observed...");
      await h.converge("web");
      const [rs] = await h.replicaSets();
      await h.setPods(rs!, 0);
      await h.converge("web");
      expect(await status()).toBe(
        'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...',
      );
      await h.setPods(rs!, 1);
      await h.converge("web");
      expect(await status()).toBe(
        'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...',
      );
      await h.setPods(rs!);
      await h.converge("web");
      expect(await rolloutStatus(h.registry, "web", { watch: false })).toEqual({
        output: 'deployment "web" successfully rolled out',
        exitCode: 0,
      });
    });

    it("counts replicas not yet updated and old replicas pending termination", async () => {
      await rolledOut(
        newDeployment("web", { replicas: 2, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }),
      );
      await h.edit("web", (d) => {
        d.spec.template.spec.containers[0]!.image = "nginx:2";
      });
      await h.converge("web");
      const status = async () => (await rolloutStatus(h.registry, "web", { watch: false })).output;
      expect(await status()).toBe(
        'Waiting for deployment "web" rollout to finish: 0 out of 2 new replicas have been updated...',
      );
      for (let i = 0; i < 10 && (await h.replicaSets())[0]!.spec.replicas !== 0; i++) {
        for (const rs of (await h.replicaSets()).slice(1)) await h.setPods(rs);
        await h.converge("web");
      }
      expect(await status()).toBe(
        'Waiting for deployment "web" rollout to finish: 2 old replicas are pending termination...',
      );
    });

    it("waits, streaming each new message, until the rollout succeeds", async () => {
      await h.create(newDeployment("web", { replicas: 2 }));
      await h.converge("web");
      const lines: string[] = [];
      const done = rolloutStatus(h.registry, "web", { write: (line) => lines.push(line) });
      await waitFor(() => lines.length === 1, "the first message");
      const [rs] = await h.replicaSets();
      await h.setPods(rs!, 1);
      await h.converge("web");
      await waitFor(() => lines.length === 2, "the second message");
      await h.setPods(rs!);
      await h.converge("web");
      expect(await done).toEqual({ output: "", exitCode: 0 });
      expect(lines).toEqual([
        'Waiting for deployment "web" rollout to finish: 0 out of 2 new replicas have been updated...',
        'Waiting for deployment "web" rollout to finish: 1 of 2 updated replicas are available...',
        'deployment "web" successfully rolled out',
      ]);
    });

    it("fails once the progress deadline is exceeded", async () => {
      await h.create(newDeployment("web", { replicas: 2, progressDeadlineSeconds: 5 }));
      await h.converge("web");
      const lines: string[] = [];
      const done = rolloutStatus(h.registry, "web", { write: (line) => lines.push(line) });
      await waitFor(() => lines.length === 1, "the first message");
      h.advance(6);
      await h.converge("web");
      expect(await done).toEqual({
        output: "",
        exitCode: 1,
        notes: 'error: deployment "web" exceeded its progress deadline',
      });
    });

    it("fails when the Deployment is deleted while it waits", async () => {
      await h.create(newDeployment("web", { replicas: 2 }));
      await h.converge("web");
      const lines: string[] = [];
      const done = rolloutStatus(h.registry, "web", { write: (line) => lines.push(line) });
      await waitFor(() => lines.length === 1, "the first message");
      await h.registry.delete("Deployment", "default", "web");
      expect(await done).toEqual({ output: "", exitCode: 1, notes: 'error: deployment "web" was deleted' });
    });

    it("fails with a timeout when the rollout does not finish in time", async () => {
      await h.create(newDeployment("web", { replicas: 2 }));
      await h.converge("web");
      const result = await rolloutStatus(h.registry, "web", { timeoutMs: 20 });
      expect(result.exitCode).toBe(1);
      expect(result.notes).toBe("error: timed out waiting for the condition");
      expect(result.output).toBe(
        'Waiting for deployment "web" rollout to finish: 0 out of 2 new replicas have been updated...',
      );
    });
  });

  describe("rollout history and undo", () => {
    it("lists revisions with their change-cause, and shows one revision's template", async () => {
      await rolledOut(newDeployment("web", { replicas: 1 }));
      await changeImage("nginx:2", "set image to nginx:2");
      const table = await rolloutHistory(h.registry, "web");
      expect(table.output).toBe(
        ["deployment.apps/web", "REVISION   CHANGE-CAUSE", "1          <none>", "2          set image to nginx:2"].join(
          "\n",
        ),
      );
      const one = (await rolloutHistory(h.registry, "web", { revision: 2 })).output;
      expect(one).toContain(
        "deployment.apps/web with revision #2\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=",
      );
      expect(one).toContain("  Annotations:\tkubernetes.io/change-cause=set image to nginx:2");
      expect(one).toContain("   app:\n    Image:\tnginx:2");
      expect((await rejection(rolloutHistory(h.registry, "web", { revision: 7 }))).message).toBe(
        "unable to find the specified revision 7",
      );
    });

    it("rolls back to the previous template, and the controller reuses its ReplicaSet under a new revision", async () => {
      await rolledOut(newDeployment("web", { replicas: 2 }));
      await changeImage("nginx:2");
      const [first] = await h.replicaSets();
      expect(await rolloutUndo(h.registry, "web")).toEqual({ output: "deployment.apps/web rolled back", exitCode: 0 });
      const d = await h.deployment("web");
      expect(d.spec.template.spec.containers[0]!.image).toBe("nginx:1");
      expect(d.spec.template.metadata?.labels).toEqual({ app: "web" });
      for (let i = 0; i < 10; i++) {
        await h.converge("web");
        await h.allAvailable();
      }
      const rss = await h.replicaSets();
      expect(rss.map((rs) => [rs.metadata.name, rs.spec.replicas, rs.metadata.annotations?.[REVISION]])).toEqual([
        [expect.not.stringMatching(first!.metadata.name ?? ""), 0, "2"],
        [first!.metadata.name, 2, "3"],
      ]);
      expect(rss[1]!.metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("1");
      expect((await h.deployment("web")).metadata.annotations?.[REVISION]).toBe("3");
      expect((await rolloutHistory(h.registry, "web")).output).toContain("2          <none>\n3          <none>");
    });

    it("rolls back to a named revision and skips when the template already matches", async () => {
      await rolledOut(newDeployment("web", { replicas: 1 }));
      await changeImage("nginx:2");
      await changeImage("nginx:3");
      expect((await rolloutUndo(h.registry, "web", { toRevision: 3 })).output).toBe(
        "deployment.apps/web skipped rollback (current template already matches revision 3)",
      );
      await rolloutUndo(h.registry, "web", { toRevision: 1 });
      expect((await h.deployment("web")).spec.template.spec.containers[0]!.image).toBe("nginx:1");
      expect((await rejection(rolloutUndo(h.registry, "web", { toRevision: 9 }))).message).toBe(
        "unable to find specified revision 9 in history",
      );
    });

    it("refuses to roll back a paused Deployment, and pause/resume report what they did", async () => {
      await rolledOut(newDeployment("web", { replicas: 1 }));
      await changeImage("nginx:2");
      expect((await rolloutPause(h.registry, "web")).output).toBe("deployment.apps/web paused");
      expect((await rolloutPause(h.registry, "web")).output).toBe("deployment.apps/web already paused");
      expect((await rejection(rolloutUndo(h.registry, "web"))).code).toBe("Invalid");
      expect((await rolloutResume(h.registry, "web")).output).toBe("deployment.apps/web resumed");
    });

    it("restart stamps the pod template, and the controller rolls out a new ReplicaSet with the same image", async () => {
      await rolledOut(newDeployment("web", { replicas: 1 }));
      const now = () => new Date("2026-02-03T04:05:06Z");
      expect((await rolloutRestart(h.registry, "web", { now })).output).toBe("deployment.apps/web restarted");
      await changeImage("nginx:1");
      const rss = await h.replicaSets();
      expect(rss.map((rs) => [rs.spec.template?.spec.containers[0]?.image, rs.spec.replicas])).toEqual([
        ["nginx:1", 0],
        ["nginx:1", 1],
      ]);
      expect(rss[1]!.spec.template?.metadata?.annotations).toEqual({
        "kubectl.kubernetes.io/restartedAt": "2026-02-03T04:05:06.000Z",
      });
    });

    it("has no history for a Deployment the controller has not seen", async () => {
      await h.create(newDeployment("web"));
      expect((await rolloutHistory(h.registry, "web")).output).toBe("No rollout history found.");
      expect((await rejection(rolloutUndo(h.registry, "web"))).message).toBe(
        'no rollout history found for deployment "web"',
      );
    });
  });

  it("set image starts a rollout that rollout status follows to the end", async () => {
    await rolledOut(newDeployment("web", { replicas: 1 }));
    expect((await setImage(h.registry, "deploy", "web", { app: "nginx:9" })).output).toBe(
      "deployment.apps/web image updated",
    );
    await changeImage("nginx:9");
    expect((await rolloutStatus(h.registry, "web", { watch: false })).output).toBe(
      'deployment "web" successfully rolled out',
    );
    expect((await h.replicaSets()).map((rs) => rs.spec.template?.spec.containers[0]?.image)).toEqual([
      "nginx:1",
      "nginx:9",
    ]);
  });
});

describe("rollout arguments", () => {
  it("name a Deployment as deployment/NAME, deploy/NAME or deployment NAME", () => {
    expect(rolloutTarget(["deployment/web"])).toBe("web");
    expect(rolloutTarget(["deploy/web"])).toBe("web");
    expect(rolloutTarget(["deployment.apps/web"])).toBe("web");
    expect(rolloutTarget(["deployment", "web"])).toBe("web");
  });

  it("refuse other kinds and missing or extra names", () => {
    expect(() => rolloutTarget(["rc/web"])).toThrow(/not "rc"/);
    expect(() => rolloutTarget(["deployment"])).toThrow(/exactly one/);
    expect(() => rolloutTarget(["deployment/web", "x"])).toThrow(/exactly one/);
  });

  it("read kubectl durations for --timeout", () => {
    expect([
      parseTimeout("0"),
      parseTimeout("90"),
      parseTimeout("90s"),
      parseTimeout("5m"),
      parseTimeout("1m30s"),
    ]).toEqual([0, 90_000, 90_000, 300_000, 90_000]);
    expect(() => parseTimeout("soon")).toThrow(/invalid duration/);
  });
});
