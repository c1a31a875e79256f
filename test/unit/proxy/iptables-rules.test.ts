import { describe, expect, it } from "vitest";
import { IptablesRules, restoreInput, SERVICES_CHAIN_PREFIX, servicesChainFor } from "../../../src/proxy/index.js";

describe("restoreInput", () => {
  it("declares the chain (which flushes it) and DNATs each cluster IP port to its proxy port", () => {
    const text = restoreInput("SLIPWAY-SVC-TEST", [
      { clusterIP: "10.43.0.10", port: 80, toHost: "192.168.160.1", toPort: 41000 },
      { clusterIP: "10.43.0.11", port: 6379, toHost: "192.168.160.1", toPort: 41001 },
    ]);
    expect(text).toBe(
      [
        "*nat",
        ":SLIPWAY-SVC-TEST - [0:0]",
        "-A SLIPWAY-SVC-TEST -d 10.43.0.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 192.168.160.1:41000",
        "-A SLIPWAY-SVC-TEST -d 10.43.0.11/32 -p tcp -m tcp --dport 6379 -j DNAT --to-destination 192.168.160.1:41001",
        "COMMIT",
        "",
      ].join("\n"),
    );
  });

  it("empties the chain for no rules", () => {
    expect(restoreInput("C", [])).toBe("*nat\n:C - [0:0]\nCOMMIT\n");
  });
});

describe("servicesChainFor", () => {
  it("gives each node its own valid chain name, the same on every start", () => {
    const a = servicesChainFor("node-a");
    expect(a).toBe(servicesChainFor("node-a"));
    expect(a).not.toBe(servicesChainFor("node-b"));
    expect(a.startsWith(SERVICES_CHAIN_PREFIX)).toBe(true);
    expect(() => new IptablesRules(a)).not.toThrow();
  });

  it("refuses a chain name iptables would not take", () => {
    expect(() => new IptablesRules("a chain with spaces")).toThrow(/invalid iptables chain/);
    expect(() => new IptablesRules("X".repeat(29))).toThrow(/invalid iptables chain/);
  });
});
