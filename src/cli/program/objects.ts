import { type Command, Option } from "commander";
import { SlipwayError } from "../../api/errors.js";
import { applyCommand, diffCommand } from "../commands/apply.js";
import { deleteFilesCommand } from "../commands/delete-files.js";
import { describeCommand } from "../commands/describe.js";
import { getCommand } from "../commands/get.js";
import { deleteCommand, labelCommand, scaleCommand } from "../commands/mutate.js";
import { watchCommand } from "../commands/watch.js";
import { connect } from "../connect.js";
import { colorEnabled } from "../output/color.js";
import { OUTPUT_FORMATS } from "../output/format.js";
import { EXIT_HELP, examples, getFlags, KIND_HELP, type ProgramIo, planFlags, type Run } from "./shared.js";

export function addObjectCommands(program: Command, io: ProgramIo, run: Run): void {
  const withPlanFlags = (cmd: Command) =>
    cmd
      .requiredOption("-f, --filename <path>", "a manifest file, or a folder of them (read recursively)")
      .option("--prune", "delete objects this source created that left it")
      .option("--allow-empty", "with --prune, let a source with no objects prune everything it created")
      .option("--source <name>", "the source's name, for ownership and pruning (default: derived from the path)");

  withPlanFlags(program.command("apply"))
    .description("create, patch (three-way merge) and prune until the engine holds what the manifests say")
    .option("--dry-run", "validate and plan on the server, change nothing")
    .addHelpText("after", examples("slipway apply -f examples/nginx", "slipway apply -f app/ --prune --dry-run"))
    .action(
      run(async (_, f) => applyCommand(await connect(f), f.filename!, { ...planFlags(f), dryRun: f.dryRun === true })),
    );

  withPlanFlags(program.command("diff"))
    .description("show what apply would change as a unified diff (Secret values masked)")
    .addHelpText("after", examples("slipway diff -f examples/nginx", "slipway diff -f app/ --prune") + EXIT_HELP)
    .action(
      run(async (_, f) => diffCommand(await connect(f), f.filename!, { ...planFlags(f), color: colorEnabled() })),
    );

  program
    .command("get")
    .description("list objects of a kind, or show some by name")
    .argument("<kind>", KIND_HELP)
    .argument("[names...]", "names of objects to show")
    .option("-A, --all-namespaces", "list across all namespaces")
    .option("-l, --selector <selector>", "label selector: app=web,tier in (fe,be),!canary")
    .option("-w, --watch", "after listing, print a row for every change until Ctrl-C")
    .addOption(new Option("-o, --output <format>", "output format").choices([...OUTPUT_FORMATS]))
    .addHelpText(
      "after",
      examples(
        "slipway get pods",
        "slipway get rc -o wide",
        "slipway get po -l app=nginx -w",
        "slipway get deploy web -o yaml",
      ),
    )
    .action(
      run(async ([kind, ...names], f) =>
        f.watch
          ? watchCommand(await connect(f), kind!, getFlags(f), io.write, io.signal)
          : getCommand(await connect(f), kind!, names, getFlags(f)),
      ),
    );

  program
    .command("describe")
    .description("show one object in detail, with its events")
    .argument("<kind>", KIND_HELP)
    .argument("<name>")
    .addHelpText("after", examples("slipway describe pod web-7x2kq", "slipway describe svc frontend"))
    .action(
      run(async ([kind, name], f) => describeCommand(await connect(f), kind!, name!, { namespace: f.namespace })),
    );

  program
    .command("delete")
    .description("delete objects by kind and name, or everything a manifest path declares")
    .argument("[kind]", KIND_HELP)
    .argument("[names...]")
    .option("-f, --filename <path>", "delete the objects declared in these manifests")
    .addOption(
      new Option("--cascade <mode>", "what happens to dependents")
        .choices(["background", "foreground", "orphan"])
        .default("background"),
    )
    .addHelpText(
      "after",
      examples(
        "slipway delete pod web-7x2kq",
        "slipway delete -f examples/nginx",
        "slipway delete rc redis --cascade=orphan",
      ),
    )
    .action(
      run(async ([kind, ...names], f) => {
        if (f.filename) return deleteFilesCommand(await connect(f), f.filename, { namespace: f.namespace });
        if (!kind) throw new SlipwayError("Usage", "delete needs KIND NAME... or -f PATH");
        return deleteCommand(await connect(f), kind, names, {
          namespace: f.namespace,
          ...(f.cascade ? { cascade: f.cascade } : {}),
        });
      }),
    );

  program
    .command("label")
    .description("add, change (--overwrite) or remove (key-) labels of an object")
    .argument("<kind>", KIND_HELP)
    .argument("<name>")
    .argument("<changes...>", "key=value to set, key- to remove")
    .option("--overwrite", "allow changing a label that already has a value")
    .addHelpText("after", examples("slipway label pod web-7x2kq tier=frontend", "slipway label rc redis tier-"))
    .action(
      run(async ([kind, name, ...changes], f) =>
        labelCommand(await connect(f), kind!, name!, changes, {
          namespace: f.namespace,
          overwrite: f.overwrite === true,
        }),
      ),
    );

  program
    .command("scale")
    .description("set the replicas of a ReplicationController, ReplicaSet or Deployment")
    .argument("<kind>", "rc, rs or deploy")
    .argument("<name>")
    .requiredOption("--replicas <n>", "the desired number of pods")
    .addHelpText("after", examples("slipway scale rc frontend --replicas 5"))
    .action(
      run(async ([kind, name], f) =>
        scaleCommand(await connect(f), kind!, name!, Number(f.replicas), { namespace: f.namespace }),
      ),
    );
}
