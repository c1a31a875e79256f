import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/e2e/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e tests start real servers and containers; files run in parallel, tests in a file serially.
    pool: "forks",
  },
});
