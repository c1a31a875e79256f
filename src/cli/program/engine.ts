/** Commands that run or join an engine, or manage its git repositories: up, agent, init, history. */
import { join } from "node:path";
import { type Command, Option } from "commander";
import { agentCommand } from "../commands/agent.js";
import { historyCommand } from "../commands/history.js";
import { initCommand } from "../commands/init.js";
import { upCommand } from "../commands/up.js";
import { connect } from "../connect.js";
import { defaultNodeName } from "../control-plane.js";
import { stateDir } from "../state.js";
import { examples, type Flags, type ProgramIo, type Run } from "./shared.js";

export function addEngineCommands(program: Command, io: ProgramIo, run: Run): void {
  program
    .command("up")
    .description(
      "run the engine in the foreground until Ctrl-C: store, API server, controllers, scheduler and a kubelet",
    )
    .option("--listen <host:port>", "address of the API server", "127.0.0.1:6480")
    .option("--node-name <name>", "this machine's node name (default: the host name)")
    .option("--no-kubelet", "run only the control plane; pods run on agents")
    .option("--service-cidr <cidr>", "range cluster IPs are allocated from", "10.43.0.0/16")
    .option("--service-node-port-range <min-max>", "range node ports are allocated from", "30000-32767")
    .option("--node-port-address <ip>", "where NodePort services listen (default: every address, 0.0.0.0)")
    .option("--git-listen <host:port>", "address of the git server (default: the API port + 1)")
    .addHelpText(
      "after",
      examples(
        "slipway up",
        "slipway up --state /tmp/demo --listen 127.0.0.1:0",
        "slipway up --node-name main --no-kubelet",
      ),
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      await upCommand({
        stateDir: stateDir(f.state),
        listen: f.listen,
        nodeName: f.nodeName ?? defaultNodeName(),
        kubelet: f.kubelet !== false,
        serviceCidr: f.serviceCidr,
        nodePortRange: f.serviceNodePortRange,
        ...(f.nodePortAddress ? { nodePortAddress: f.nodePortAddress } : {}),
        ...(f.gitListen ? { gitListen: f.gitListen } : {}),
        log: io.log,
        signal: io.signal,
      });
    });

  program
    .command("agent")
    .description("run only a kubelet for this node, joining an engine's API server (like k3s agent)")
    .requiredOption("--node-name <name>", "the node's name; must be unique in the cluster")
    .option("--root-dir <dir>", "where pod volumes live (default: <state>/agent-<node>)")
    .addHelpText(
      "after",
      examples(
        "slipway agent --server https://10.0.0.1:6480 --token $(cat token) --certificate-authority ca.crt --node-name n2",
        "slipway agent --state ~/.local/state/slipway --node-name second   # a second node on this Docker host",
      ),
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags & { rootDir?: string };
      const nodeName = f.nodeName!;
      await agentCommand({
        ...(f.state ? { state: f.state } : {}),
        ...(f.server ? { server: f.server } : {}),
        ...(f.token ? { token: f.token } : {}),
        ...(f.certificateAuthority ? { certificateAuthority: f.certificateAuthority } : {}),
        nodeName,
        rootDir: f.rootDir ?? join(stateDir(f.state), `agent-${nodeName}`),
        log: io.log,
        signal: io.signal,
      });
    });

  program
    .command("init")
    .description("create a manifests repository whose `git push` deploys to this engine")
    .argument("[dir]", "the new repository's folder (must be empty or missing)", ".")
    .option("--name <name>", "the repository's name on the engine (default: the folder's name)")
    .addHelpText("after", examples("slipway init app && cd app && git push -u origin main"))
    .action(
      run(async ([dir], f) => {
        const { name } = f as Flags & { name?: string };
        return initCommand({ dir: dir ?? ".", stateDir: stateDir(f.state), ...(name ? { name } : {}) });
      }),
    );

  program
    .command("history")
    .description("list the syncs the engine ran, newest first: revision, trigger, outcome, author, message")
    .option("--max-count <n>", "show only the newest N syncs (-n N works too)")
    .option("--source <name>", "only the syncs of this repository")
    .addOption(new Option("-o, --output <format>", "output format").choices(["json", "yaml"]))
    .addHelpText("after", examples("slipway history", "slipway history -n 5", "slipway history -o json"))
    .action(
      run(async (_, f) => {
        // -n is the global --namespace flag; history has no namespace, so -n N means the count here.
        const count = f.maxCount ?? (f.namespace !== "default" ? f.namespace : undefined);
        return historyCommand(await connect(f), {
          ...(count === undefined ? {} : { limit: Number(count) }),
          ...(f.output === "json" || f.output === "yaml" ? { output: f.output } : {}),
          ...(f.source ? { source: f.source } : {}),
        });
      }),
    );
}
