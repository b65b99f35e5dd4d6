// `npm run cli -- <command>`: the same services as the web app, from the command line.
import { parseArgs } from "node:util";
import { ensureDemo, openRuntime, territorySourceFor } from "./bootstrap.ts";
import { loadConfig } from "./config.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrator.ts";
import { runTokenCli, TOKEN_HELP } from "./features/api-tokens/api-tokens.cli.ts";
import { createUserWithRoles } from "./features/organisation/organisation.service.ts";
import { ROLE_CODES } from "./features/organisation/organisation.ts";
import { OPENDATA_HELP, runOpendataCli } from "./features/places/opendata/opendata.cli.ts";
import { describeDegradation, syncTerritory } from "./features/territory/territory.service.ts";
import { runRetention } from "./jobs/retention.ts";
import { createLogger } from "./logger.ts";

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                         apply pending database migrations
  territory sync                  load the communes and EPCIs of DEPARTEMENT (source: TERRITORY_SOURCE)
  user create --email E --role R [--role R2] [--structure SLUG] [--first-name F] [--last-name L]
                                  create an account (or add roles to it); roles: ${ROLE_CODES.join(", ")}
  demo load                       load the demo network into an empty database
  retention run [--dry-run]       erase the people with no activity for RETENTION_MONTHS (prints the report)
${OPENDATA_HELP}
${TOKEN_HELP}
  help                            show this help
`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(argv: string[]) {
  const [command, sub] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(HELP);
    return;
  }
  const parsed = loadConfig(process.env);
  if (!parsed.ok) fail(`Configuration invalide / invalid configuration:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}`);
  const config = parsed.config;
  const log = createLogger({ logLevel: config.logLevel === "info" ? "warn" : config.logLevel });

  if (command === "migrate") {
    const handle = await openDatabase(config, "npm run cli -- migrate");
    try {
      const applied = await migrateToLatest(handle.db);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database already up to date.");
    } finally {
      await handle.close();
    }
    return;
  }

  const runtime = await openRuntime(config, `npm run cli -- ${argv.join(" ")}`, log);
  const db = runtime.handle.db;
  try {
    if (command === "territory" && sub === "sync") {
      const status = await syncTerritory(db, config.departement.code, territorySourceFor(config), new Date());
      console.log(`${status.communes} communes and ${status.epcis} EPCIs of ${config.departement.name} (${status.departement}) from ${status.source}.`);
      for (const note of describeDegradation(status)) console.log(`! ${note}`);
    } else if (command === "user" && sub === "create") {
      const { values } = parseArgs({
        args: argv.slice(2),
        options: {
          email: { type: "string" },
          role: { type: "string", multiple: true },
          structure: { type: "string" },
          "first-name": { type: "string" },
          "last-name": { type: "string" },
        },
      });
      if (!values.email) fail("--email is required");
      const result = await createUserWithRoles(db, {
        email: values.email,
        roles: values.role ?? [],
        structureSlug: values.structure ?? null,
        firstName: values["first-name"] ?? "",
        lastName: values["last-name"] ?? "",
      }, { actorUserId: null, via: "cli", now: new Date() });
      if (!result.ok) fail(`Account not created:\n${result.errors.map((e) => `  - ${e}`).join("\n")}`);
      console.log(
        `${result.created ? "Created" : "Updated"} ${values.email.trim().toLowerCase()}; roles added: ${result.rolesAdded.join(", ") || "none (already held)"}.`,
      );
      console.log(`Sign in at ${config.publicUrl}/connexion`);
    } else if (command === "demo" && sub === "load") {
      if (runtime.demo) console.log("The demo network is already loaded.");
      else {
        const loaded = await ensureDemo(db, { ...config, demo: true }, true, log);
        console.log(loaded ? "Demo network loaded." : "Demo not loaded: the database already has accounts.");
      }
    } else if (command === "retention" && sub === "run") {
      const dryRun = argv.includes("--dry-run");
      const report = await runRetention(db, new Date(), config.retentionMonths, { dryRun, webhookDays: config.webhooks.retentionDays });
      console.log(
        `${dryRun ? "Dry run: " : ""}${report.checked} identified people checked, ${dryRun ? `${report.ids.length} would be erased` : `${report.erased} erased`} (no activity since ${report.cutoff}, ${report.months} months).`,
      );
      for (const id of report.ids) console.log(`  ${id}`);
    } else if (command === "token") {
      process.exitCode = await runTokenCli(argv.slice(1), { db });
    } else if (command === "opendata") {
      process.exitCode = await runOpendataCli(argv.slice(1), { db, config });
    } else {
      fail(`Unknown command: ${argv.join(" ")}\n\n${HELP}`);
    }
  } finally {
    await runtime.handle.close();
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof DataDirLockedError) fail(error.message);
  throw error;
}
