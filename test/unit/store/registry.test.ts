import { MemoryBackend } from "../../../src/store/memory-backend.js";
import { describeRegistryContract } from "./registry-contract.js";
import { describeRegistryWatchContract } from "./registry-watch-contract.js";

describeRegistryContract("MemoryBackend", async () => new MemoryBackend());
describeRegistryWatchContract("MemoryBackend", async () => new MemoryBackend());
