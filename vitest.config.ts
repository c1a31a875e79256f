import { defineConfig } from "vitest/config";

// .ci/run sets SLIPWAY_TEST_REPORT to collect counts for its closing line.
const report = process.env.SLIPWAY_TEST_REPORT;

export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/e2e/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e files start real servers and processes: separate processes keep them apart.
    pool: "forks",
    reporters: report ? ["default", ["json", { outputFile: report }]] : ["default"],
  },
});
