import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import { type TableColumn, tableProviderFromColumns, wantsTable } from "../../../src/apiserver/table.js";
import { newPod, type StoreServer, startStoreServer } from "./harness.js";

const KUBECTL_ACCEPT =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

/** Pod columns as src/api/columns gives them: NOMINATED NODE only in wide. */
function podColumns(_kind: string, { wide }: { wide: boolean }): TableColumn[] {
  const phase = (obj: KubeObject) => (obj.status as { phase?: string } | undefined)?.phase ?? "Pending";
  const columns: TableColumn[] = [
    { header: "NAME", value: (o) => o.metadata.name ?? "" },
    { header: "STATUS", value: phase },
    { header: "NOMINATED NODE", wide: true, value: () => "<none>" },
    { header: "UP-TO-DATE", value: () => "1" },
    { header: "AGE", value: (_o, now) => (now === 1_000 ? "1s" : "?") },
  ];
  return columns.filter((c) => wide || !c.wide);
}

const providerAt1s = () => tableProviderFromColumns(podColumns, () => 1_000);

describe("Table responses", () => {
  let t: StoreServer;
  afterEach(() => t.close());

  it("answers kubectl's Table request with a Table whose wide-only columns have priority 1", async () => {
    t = await startStoreServer({ table: providerAt1s() });
    await t.registry.create(newPod("web"));
    const res = await t.request("/api/v1/namespaces/default/pods", { headers: { Accept: KUBECTL_ACCEPT } });
    const table = (await res.json()) as Record<string, unknown>;
    expect(table).toMatchObject({
      kind: "Table",
      apiVersion: "meta.k8s.io/v1",
      metadata: { resourceVersion: (await t.registry.list("Pod")).resourceVersion },
      columnDefinitions: [
        { name: "Name", format: "name", priority: 0 },
        { name: "Status", priority: 0 },
        { name: "Nominated Node", priority: 1 },
        { name: "Up-to-date", priority: 0 },
        { name: "Age", priority: 0 },
      ],
      rows: [
        {
          cells: ["web", "Pending", "<none>", "1", "1s"],
          object: { kind: "PartialObjectMetadata", metadata: { name: "web", namespace: "default" } },
        },
      ],
    });
  });

  it("answers a plain JSON request with the list, even with a table provider", async () => {
    t = await startStoreServer({ table: providerAt1s() });
    const res = await t.request("/api/v1/pods", { headers: { Accept: "application/json" } });
    expect(await res.json()).toMatchObject({ kind: "PodList" });
  });

  it("answers a Table request with the plain list when no provider is given, so kubectl falls back", async () => {
    t = await startStoreServer();
    const res = await t.request("/api/v1/pods", { headers: { Accept: KUBECTL_ACCEPT } });
    expect(await res.json()).toMatchObject({ kind: "PodList" });
  });
});

describe("wantsTable", () => {
  it.each([
    [KUBECTL_ACCEPT, true],
    ["application/json;as=Table;g=meta.k8s.io;v=v1", true],
    ["application/json", false],
    [undefined, false],
    ["application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", false],
  ])("recognises a Table request in Accept %s: %s", (accept, expected) => {
    expect(wantsTable(accept)).toBe(expected);
  });
});
