import { describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../src/api/errors.js";
import { MemoryBackend } from "../../../src/store/memory-backend.js";
import { describeKvContract } from "./kv-contract.js";

describeKvContract("MemoryBackend", async () => new MemoryBackend());

describe("MemoryBackend history", () => {
  it("compacts itself past maxEvents so watching from the start becomes Gone", async () => {
    const kv = new MemoryBackend({ maxEvents: 10 });
    for (let i = 0; i < 30; i++) await kv.put("/k", String(i));
    const error = await kv.watch("/", 1, () => {}).done.catch((e: unknown) => e);
    expect(isSlipwayError(error, "Gone")).toBe(true);
    const recent = kv.watch("/", (await kv.currentRevision()) - 10, () => {});
    recent.stop();
    await expect(recent.done).resolves.toBeUndefined();
    await kv.close();
  });
});
