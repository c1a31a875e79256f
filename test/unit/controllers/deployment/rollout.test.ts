import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReplicaSet } from "../../../../src/api/types/apps.js";
import { Harness, newDeployment } from "./harness.js";

const REVISION = "deployment.kubernetes.io/revision";

function condition(d: { status?: { conditions?: { type: string; reason?: string; status: string }[] } }, type: string) {
  return d.status?.conditions?.find((c) => c.type === type);
}

function image(rs: ReplicaSet): string | undefined {
  return rs.spec.template?.spec.containers[0]?.image;
}

describe("the Deployment controller", () => {
  let h: Harness;

  beforeEach(async () => {
    h = new Harness();
    await h.start();
  });

  afterEach(async () => {
    await h.stop();
  });

  it("creates one ReplicaSet at full replicas, named and labelled by the template hash, controlled by the Deployment", async () => {
    const d = await h.create(
      newDeployment("web", { replicas: 3, annotations: { "kubernetes.io/change-cause": "first" } }),
    );
    await h.converge("web");
    const [rs, ...more] = await h.replicaSets();
    expect(more).toEqual([]);
    const hash = rs!.metadata.labels?.["pod-template-hash"];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.spec.replicas).toBe(3);
    expect(rs!.spec.selector.matchLabels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs!.spec.template?.metadata?.labels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs!.metadata.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "web",
        uid: d.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(rs!.metadata.annotations?.[REVISION]).toBe("1");
    expect(rs!.metadata.annotations?.["kubernetes.io/change-cause"]).toBe("first");
    const live = await h.deployment("web");
    expect(live.metadata.annotations?.[REVISION]).toBe("1");
    expect(condition(live, "Progressing")?.reason).toBe("NewReplicaSetCreated");
    expect(condition(live, "Available")).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable" });
  });

  it("reports the counts and NewReplicaSetAvailable once every pod is available", async () => {
    await h.create(newDeployment("web", { replicas: 3 }));
    await h.converge("web");
    await h.allAvailable();
    await h.converge("web");
    const live = await h.deployment("web");
    expect(live.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      unavailableReplicas: 0,
    });
    expect(condition(live, "Progressing")).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
    expect(condition(live, "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable" });
  });

  it.each([
    { replicas: 4, maxSurge: 1, maxUnavailable: 1, surge: 1, unavailable: 1 },
    { replicas: 10, maxSurge: "25%", maxUnavailable: "25%", surge: 3, unavailable: 2 },
    { replicas: 3, maxSurge: 0, maxUnavailable: 1, surge: 0, unavailable: 1 },
    { replicas: 5, maxSurge: "30%", maxUnavailable: 0, surge: 2, unavailable: 0 },
  ])(
    "rolls $replicas replicas with maxSurge $maxSurge and maxUnavailable $maxUnavailable without leaving the bounds",
    async ({ replicas, maxSurge, maxUnavailable, surge, unavailable }) => {
      await h.create(
        newDeployment("web", {
          replicas,
          strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge, maxUnavailable } },
        }),
      );
      await h.converge("web");
      await h.allAvailable();
      await h.converge("web");
      await h.edit("web", (d) => {
        d.spec.template.spec.containers[0]!.image = "nginx:2";
      });

      const check = async () => {
        const rss = await h.replicaSets();
        const total = rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
        const available = rss.reduce(
          (n, rs) => n + Math.min(rs.spec.replicas ?? 0, rs.status?.availableReplicas ?? 0),
          0,
        );
        expect(total).toBeLessThanOrEqual(replicas + surge);
        expect(available).toBeGreaterThanOrEqual(replicas - unavailable);
        return rss;
      };
      let rounds = 0;
      for (;;) {
        await h.converge("web");
        const rss = await check();
        const [old, next] = rss;
        const done =
          old!.spec.replicas === 0 && next!.status?.availableReplicas === replicas && next!.spec.replicas === replicas;
        if (done) break;
        // One more pod of each ReplicaSet becomes available; pods of scaled-down ones go away.
        for (const rs of rss) await h.setPods(rs, (rs.status?.availableReplicas ?? 0) + 1);
        await check();
        expect(++rounds).toBeLessThan(4 * replicas);
      }
      const rss = await h.replicaSets();
      expect(rss.map((rs) => [image(rs), rs.spec.replicas, rs.metadata.annotations?.[REVISION]])).toEqual([
        ["nginx:1", 0, "1"],
        ["nginx:2", replicas, "2"],
      ]);
      await h.allAvailable();
      await h.converge("web");
      const live = await h.deployment("web");
      expect(live.metadata.annotations?.[REVISION]).toBe("2");
      expect(condition(live, "Progressing")?.reason).toBe("NewReplicaSetAvailable");
      expect(live.status?.updatedReplicas).toBe(replicas);
    },
  );

  it("with Recreate scales the old ReplicaSet to 0 and creates the new one only after its pods are gone", async () => {
    await h.create(newDeployment("web", { replicas: 3, strategy: { type: "Recreate" } }));
    await h.converge("web");
    await h.allAvailable();
    await h.converge("web");
    await h.edit("web", (d) => {
      d.spec.template.spec.containers[0]!.image = "nginx:2";
    });
    await h.converge("web");
    let rss = await h.replicaSets();
    expect(rss.map((rs) => [image(rs), rs.spec.replicas, rs.status?.replicas])).toEqual([["nginx:1", 0, 3]]);

    const [old] = rss;
    await h.setPods(old!);
    await h.converge("web");
    rss = await h.replicaSets();
    expect(rss.map((rs) => [image(rs), rs.spec.replicas])).toEqual([
      ["nginx:1", 0],
      ["nginx:2", 3],
    ]);
  });

  it("keeps at most revisionHistoryLimit old ReplicaSets once a rollout completes", async () => {
    await h.create(newDeployment("web", { replicas: 2, revisionHistoryLimit: 1 }));
    for (const version of [2, 3, 4]) {
      await h.converge("web");
      await h.allAvailable();
      await h.converge("web");
      await h.edit("web", (d) => {
        d.spec.template.spec.containers[0]!.image = `nginx:${version}`;
      });
    }
    for (let i = 0; i < 10; i++) {
      await h.converge("web");
      await h.allAvailable();
    }
    await h.converge("web");
    const rss = await h.replicaSets();
    expect(rss.map((rs) => [image(rs), rs.spec.replicas, rs.metadata.annotations?.[REVISION]])).toEqual([
      ["nginx:3", 0, "3"],
      ["nginx:4", 2, "4"],
    ]);
  });

  it("makes no rollout progress while paused but still applies a change of replicas, and resumes afterwards", async () => {
    await h.create(newDeployment("web", { replicas: 2 }));
    await h.converge("web");
    await h.allAvailable();
    await h.converge("web");
    await h.edit("web", (d) => {
      d.spec.paused = true;
      d.spec.template.spec.containers[0]!.image = "nginx:2";
      d.spec.replicas = 5;
    });
    await h.converge("web");
    let rss = await h.replicaSets();
    expect(rss.map((rs) => [image(rs), rs.spec.replicas])).toEqual([["nginx:1", 5]]);
    expect(condition(await h.deployment("web"), "Progressing")).toMatchObject({
      status: "Unknown",
      reason: "DeploymentPaused",
    });

    await h.edit("web", (d) => {
      d.spec.paused = false;
    });
    await h.converge("web");
    rss = await h.replicaSets();
    expect(rss.map((rs) => image(rs))).toEqual(["nginx:1", "nginx:2"]);
    expect(rss[1]!.spec.replicas).toBeGreaterThan(0);
  });

  it("scales a rollout in flight proportionally to the size of each ReplicaSet", async () => {
    await h.create(
      newDeployment("web", {
        replicas: 10,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
      }),
    );
    await h.converge("web");
    await h.allAvailable();
    await h.converge("web");
    await h.edit("web", (d) => {
      d.spec.template.spec.containers[0]!.image = "nginx:2";
    });
    await h.converge("web");
    let rss = await h.replicaSets();
    expect(rss.map((rs) => rs.spec.replicas)).toEqual([8, 5]);

    await h.edit("web", (d) => {
      d.spec.replicas = 20;
    });
    await h.converge("web");
    rss = await h.replicaSets();
    // 13 → 20 + 3 surge = 23 pods, shared 8:5 (Kubernetes' GetProportion, leftovers to the largest).
    expect(rss.map((rs) => rs.spec.replicas)).toEqual([14, 9]);
    expect(rss.every((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"] === "20")).toBe(
      true,
    );
  });

  it("sets ProgressDeadlineExceeded when no progress is made within progressDeadlineSeconds", async () => {
    await h.create(newDeployment("web", { replicas: 2, progressDeadlineSeconds: 10 }));
    await h.converge("web");
    h.advance(5);
    await h.converge("web");
    expect(condition(await h.deployment("web"), "Progressing")?.reason).toBe("NewReplicaSetCreated");
    h.advance(6);
    await h.converge("web");
    expect(condition(await h.deployment("web"), "Progressing")).toMatchObject({
      status: "False",
      reason: "ProgressDeadlineExceeded",
    });
  });

  it("counts progress as a reason to push the deadline back", async () => {
    await h.create(newDeployment("web", { replicas: 2, progressDeadlineSeconds: 10 }));
    await h.converge("web");
    h.advance(8);
    const [rs] = await h.replicaSets();
    await h.setPods(rs!, 1);
    await h.converge("web");
    expect(condition(await h.deployment("web"), "Progressing")?.reason).toBe("ReplicaSetUpdated");
    h.advance(8);
    await h.converge("web");
    expect(condition(await h.deployment("web"), "Progressing")).toMatchObject({ status: "True" });
  });

  it("adopts an orphan ReplicaSet its selector matches and releases one it no longer matches", async () => {
    const d = await h.create(newDeployment("web", { replicas: 1 }));
    await h.converge("web");
    const [own] = await h.replicaSets();
    await h.create<ReplicaSet>({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "stray", namespace: "default", labels: { app: "web", extra: "1" } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "web", extra: "1" } },
        template: {
          metadata: { labels: { app: "web", extra: "1" } },
          spec: { containers: [{ name: "app", image: "old" }] },
        },
      },
    });
    await h.converge("web");
    const stray = (await h.registry.get("ReplicaSet", "default", "stray")) as ReplicaSet;
    expect(stray.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Deployment",
      uid: d.metadata.uid,
      controller: true,
    });

    const relabelled = structuredClone(own!);
    relabelled.metadata.labels = { other: "x" };
    await h.registry.update(relabelled);
    await h.converge("web");
    const released = (await h.registry.get("ReplicaSet", "default", own!.metadata.name ?? "")) as ReplicaSet;
    expect(released.metadata.ownerReferences ?? []).toEqual([]);
    // Its name is taken by a ReplicaSet it does not control: the next hash includes collisionCount.
    expect(h.errors).toEqual([expect.stringContaining("hash collision")]);
    expect((await h.deployment("web")).status?.collisionCount).toBe(1);
    const names = (await h.replicaSets()).map((rs) => rs.metadata.name).sort();
    expect(names).toHaveLength(3);
    const replacement = (await h.replicaSets()).find((rs) => !["stray", own!.metadata.name].includes(rs.metadata.name));
    expect(replacement?.metadata.ownerReferences?.[0]?.uid).toBe(d.metadata.uid);
    expect(replacement?.spec.template?.spec.containers[0]?.image).toBe("nginx:1");
  });
});

describe("the Deployment controller with pods", () => {
  let h: Harness;

  beforeEach(async () => {
    h = new Harness();
    await h.start();
  });

  afterEach(async () => {
    await h.stop();
  });

  it("with Recreate waits for old pods that are still running even when the ReplicaSet counts none", async () => {
    await h.create(newDeployment("web", { replicas: 1, strategy: { type: "Recreate" } }));
    await h.converge("web");
    const [old] = await h.replicaSets();
    const pod = await h.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "web-old",
        namespace: "default",
        labels: { ...old!.spec.template?.metadata?.labels },
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "ReplicaSet",
            name: old!.metadata.name ?? "",
            uid: old!.metadata.uid ?? "",
            controller: true,
          },
        ],
      },
      spec: { containers: [{ name: "app", image: "nginx:1" }] },
    });
    await h.edit("web", (d) => {
      d.spec.template.spec.containers[0]!.image = "nginx:2";
    });
    await h.converge("web");
    expect((await h.replicaSets()).length).toBe(1);

    await h.registry.delete("Pod", "default", pod.metadata.name ?? "", { gracePeriodSeconds: 0 });
    await h.converge("web");
    expect((await h.replicaSets()).map((rs) => [image(rs), rs.spec.replicas])).toEqual([
      ["nginx:1", 0],
      ["nginx:2", 1],
    ]);
  });

  it("applies a change of replicas to the only ReplicaSet and copies minReadySeconds to it", async () => {
    await h.create(newDeployment("web", { replicas: 3 }));
    await h.converge("web");
    await h.allAvailable();
    await h.edit("web", (d) => {
      d.spec.replicas = 6;
      d.spec.minReadySeconds = 7;
    });
    await h.converge("web");
    const [rs, ...more] = await h.replicaSets();
    expect(more).toEqual([]);
    expect(rs!.spec).toMatchObject({ replicas: 6, minReadySeconds: 7 });
    expect(rs!.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"]).toBe("6");
  });

  it("leaves ReplicaSets controlled by something else alone", async () => {
    await h.create(newDeployment("web", { replicas: 1 }));
    await h.create<ReplicaSet>({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: "foreign",
        namespace: "default",
        labels: { app: "web" },
        ownerReferences: [{ apiVersion: "v1", kind: "Other", name: "x", uid: "other-uid", controller: true }],
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx:1" }] } },
      },
    });
    await h.converge("web");
    const foreign = (await h.registry.get("ReplicaSet", "default", "foreign")) as ReplicaSet;
    expect([foreign.spec.replicas, foreign.metadata.ownerReferences?.[0]?.uid]).toEqual([2, "other-uid"]);
    expect(
      (await h.replicaSets()).filter((rs) => rs.metadata.name !== "foreign").map((rs) => rs.spec.replicas),
    ).toEqual([1]);
  });
});

describe("the Deployment controller's events", () => {
  let h: Harness;

  beforeEach(async () => {
    h = new Harness();
    await h.start();
  });

  afterEach(async () => {
    await h.stop();
  });

  it("records each scaling of a ReplicaSet as a ScalingReplicaSet event on the Deployment", async () => {
    const d = await h.create(
      newDeployment("web", { replicas: 2, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }),
    );
    await h.converge("web");
    await h.allAvailable();
    await h.edit("web", (x) => {
      x.spec.template.spec.containers[0]!.image = "nginx:2";
    });
    for (let i = 0; i < 6; i++) {
      await h.converge("web");
      await h.allAvailable();
    }
    const [old, next] = await h.replicaSets();
    const events = (await h.registry.list("Event", { namespace: "default" })).items.sort(
      (a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion),
    );
    expect(events.every((e) => (e.involvedObject as { uid?: string }).uid === d.metadata.uid)).toBe(true);
    expect(events.map((e) => `${e.reason}: ${e.message}`)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${old!.metadata.name} to 2`,
      `ScalingReplicaSet: Scaled up replica set ${next!.metadata.name} to 1`,
      `ScalingReplicaSet: Scaled down replica set ${old!.metadata.name} to 1 from 2`,
      `ScalingReplicaSet: Scaled up replica set ${next!.metadata.name} to 2 from 1`,
      `ScalingReplicaSet: Scaled down replica set ${old!.metadata.name} to 0 from 1`,
    ]);
  });
});
