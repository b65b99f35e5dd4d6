// Importing partner structures and services from data·inclusion files: a check that lists every bad line
// (file, line, column, French message) and what would be created or updated; an import that writes nothing
// while any line is bad. Structures match on their data·inclusion id, our own id, then SIRET; services on
// their id within the structure. Re-importing the same file changes nothing.
import type { Db, DbOrTx } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { checkServiceRow, checkStructureRow, type LineError, readServices, readStructures, type ServiceRow, type StructureRow } from "./data-inclusion.ts";
import { findStructureBySiret, freePartnerSlug, insertPartner, insertService, partnerProfile, territoryOf, updatePartner, updateService } from "./partners.repository.ts";
import { type Coverage, type Profile, type Service, sameProfile, sameService } from "./partners.ts";

export interface ImportFiles {
  structures: string;
  services: string;
}

export interface ImportCheck {
  fileErrors: string[];
  errors: LineError[];
  structures: { line: number; name: string; action: ImportAction }[];
  services: { line: number; name: string; action: ImportAction }[];
}

/** « unchanged »: the directory already holds exactly this row; the import leaves it (and its date) alone. */
export type ImportAction = "create" | "update" | "unchanged";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function existingPartner(db: DbOrTx, sourceId: string, siret: string | null): Promise<{ id: string } | { conflict: string } | null> {
  const byId = await db
    .selectFrom("structures")
    .leftJoin("partner_profiles", "partner_profiles.structure_id", "structures.id")
    .select("structures.id")
    .where("structures.kind", "=", "partner")
    .where((eb) => eb.or([eb("partner_profiles.data_inclusion_id", "=", sourceId), ...(UUID.test(sourceId) ? [eb("structures.id", "=", sourceId)] : [])]))
    .executeTakeFirst();
  if (byId) return byId;
  if (!siret) return null;
  const bySiret = await findStructureBySiret(db, siret);
  if (!bySiret) return null;
  return bySiret.kind === "partner" ? { id: bySiret.id } : { conflict: bySiret.name };
}

async function existingService(db: DbOrTx, structureId: string, sourceId: string): Promise<{ id: string; service: Service } | null> {
  const row = await db
    .selectFrom("partner_services")
    .select(["id", "name", "thematiques", "description", "reception_modes", "how_to_refer", "publics"])
    .where("structure_id", "=", structureId)
    .where((eb) => eb.or([eb("data_inclusion_id", "=", sourceId), ...(UUID.test(sourceId) ? [eb("id", "=", sourceId)] : [])]))
    .executeTakeFirst();
  if (!row) return null;
  const service = { name: row.name, thematiques: row.thematiques, description: row.description, receptionModes: row.reception_modes, howToRefer: row.how_to_refer, publics: row.publics };
  return { id: row.id, service };
}

interface Plan {
  check: ImportCheck;
  /** Each structure with the profile the import writes: publics and coverage come from its services in the file. */
  structures: (StructureRow & { existingId: string | null; written: Profile; hasZones: boolean; action: ImportAction })[];
  services: (ServiceRow & { existingId: string | null; action: ImportAction })[];
  /** Structure ids of the file or of the directory, by the ids services use. */
  existingByFileId: Map<string, string>;
}

async function plan(db: DbOrTx, departement: string, files: ImportFiles): Promise<Plan> {
  const territory = { ...(await territoryOf(db, departement)), departement };
  const readS = readStructures(files.structures);
  const readV = readServices(files.services);
  const fileErrors = [...readS.fileErrors.map((e) => `Structures : ${e}`), ...readV.fileErrors.map((e) => `Services : ${e}`)];
  if (readS.rows.length === 0 && readV.rows.length === 0 && fileErrors.length === 0) fileErrors.push("Les deux fichiers sont vides : collez au moins le fichier des structures.");
  const errors: LineError[] = [];
  const structures: (StructureRow & { existingId: string | null })[] = [];
  const existingByFileId = new Map<string, string>();
  const seen = new Map<string, number>();
  const sirets = new Map<string, number>();
  for (const row of readS.rows) {
    const { value, errors: rowErrors } = checkStructureRow(row, territory);
    errors.push(...rowErrors);
    if (!value) continue;
    const twin = seen.get(value.sourceId);
    if (twin !== undefined) {
      errors.push({ file: "structures", line: row.line, column: "id", message: `Identifiant déjà utilisé ligne ${twin}.` });
      continue;
    }
    seen.set(value.sourceId, row.line);
    const siret = value.profile.siret;
    const siretTwin = siret ? sirets.get(siret) : undefined;
    if (siret && siretTwin !== undefined) {
      errors.push({ file: "structures", line: row.line, column: "siret", message: `SIRET déjà utilisé ligne ${siretTwin}.` });
      continue;
    }
    if (siret) sirets.set(siret, row.line);
    const found = await existingPartner(db, value.sourceId, siret);
    if (found && "conflict" in found) {
      errors.push({ file: "structures", line: row.line, column: "siret", message: `Ce SIRET est celui de « ${found.conflict} », qui n'est pas un partenaire.` });
      continue;
    }
    // Matched by its id, the structure may carry another structure's SIRET: the database keeps SIRETs unique.
    const owner = found && siret ? await findStructureBySiret(db, siret) : undefined;
    if (found && owner && owner.id !== found.id) {
      errors.push({ file: "structures", line: row.line, column: "siret", message: `Ce SIRET est déjà celui de « ${owner.name} ».` });
      continue;
    }
    if (found) existingByFileId.set(value.sourceId, found.id);
    structures.push({ ...value, existingId: found?.id ?? null });
  }
  const known = new Set([...seen.keys()]);
  const bad = new Map<string, number>();
  for (const row of readS.rows) {
    const id = typeof row.cells.id === "string" ? row.cells.id.trim() : "";
    if (id !== "" && !seen.has(id) && !bad.has(id)) bad.set(id, row.line);
  }
  const services: Plan["services"] = [];
  const serviceIds = new Map<string, number>();
  for (const row of readV.rows) {
    const sid = typeof row.cells.structure_id === "string" ? row.cells.structure_id : "";
    if (sid !== "" && !known.has(sid)) {
      const found = await existingPartner(db, sid, null);
      if (found && "id" in found) {
        known.add(sid);
        existingByFileId.set(sid, found.id);
      }
    }
    const { value, errors: rowErrors } = checkServiceRow(row, territory, known, bad);
    errors.push(...rowErrors);
    if (!value) continue;
    const key = `${value.structureId}\u0000${value.sourceId}`;
    if (serviceIds.has(key)) {
      errors.push({ file: "services", line: row.line, column: "id", message: `Identifiant déjà utilisé ligne ${serviceIds.get(key)}.` });
      continue;
    }
    serviceIds.set(key, row.line);
    const structureId = existingByFileId.get(value.structureId);
    const existing = structureId ? await existingService(db, structureId, value.sourceId) : null;
    const action: ImportAction = !existing ? "create" : sameService(existing.service, value.service) ? "unchanged" : "update";
    services.push({ ...value, existingId: existing?.id ?? null, action });
  }
  const planned: Plan["structures"] = [];
  for (const s of structures) {
    const own = services.filter((v) => v.structureId === s.sourceId);
    const current = s.existingId ? await partnerProfile(db, s.existingId) : null;
    const publics = [...new Set(own.flatMap((v) => v.service.publics))];
    // A file without services for a structure keeps the publics and coverage it has.
    const written: Profile = {
      ...s.profile,
      publics: publics.length > 0 ? publics : (current?.publics ?? []),
      coverage: own.length > 0 ? union(own.map((v) => v.coverage)) : (current?.coverage ?? union([])),
    };
    // A partner created here and exported carries our own id in the file: that is no new data·inclusion id.
    const sameId = current !== null && (current.dataInclusionId === s.sourceId || (current.dataInclusionId === null && s.sourceId === s.existingId));
    const unchanged = current !== null && sameId && sameProfile(current, written);
    planned.push({ ...s, written, hasZones: own.length > 0, action: !s.existingId ? "create" : unchanged ? "unchanged" : "update" });
  }
  errors.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === "structures" ? -1 : 1));
  return {
    check: {
      fileErrors,
      errors,
      structures: planned.map((s) => ({ line: s.line, name: s.profile.name, action: s.action })),
      services: services.map((s) => ({ line: s.line, name: s.service.name, action: s.action })),
    },
    structures: planned,
    services,
    existingByFileId,
  };
}

export async function checkPartnerImport(db: DbOrTx, departement: string, files: ImportFiles): Promise<ImportCheck> {
  return (await plan(db, departement, files)).check;
}

export type PartnerImportOutcome =
  | { kind: "refused"; check: ImportCheck }
  | { kind: "imported"; check: ImportCheck; created: number; updated: number; unchanged: number };

function union(zones: Coverage[]): Coverage {
  return {
    departement: zones.some((z) => z.departement),
    communes: [...new Set(zones.flatMap((z) => z.communes))],
    epcis: [...new Set(zones.flatMap((z) => z.epcis))],
  };
}


/** Imports both files in one transaction; refused, with nothing written, while a line is bad. */
export async function runPartnerImport(db: Db, departement: string, files: ImportFiles, options: { actorUserId: string; now: Date }): Promise<PartnerImportOutcome> {
  return db.transaction().execute(async (trx) => {
    const p = await plan(trx, departement, files);
    if (p.check.fileErrors.length > 0 || p.check.errors.length > 0) return { kind: "refused", check: p.check };
    const ids = new Map(p.existingByFileId);
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const s of p.structures) {
      if (s.action === "unchanged") unchanged++;
      else if (s.existingId) {
        await updatePartner(trx, s.existingId, s.written, { dataInclusionId: s.sourceId, coverage: s.hasZones, now: options.now });
        updated++;
      } else {
        ids.set(s.sourceId, await insertPartner(trx, await freePartnerSlug(trx, s.profile.name), s.written, { dataInclusionId: s.sourceId, now: options.now }));
        created++;
      }
    }
    for (const v of p.services) {
      const structureId = ids.get(v.structureId)!;
      if (v.action === "unchanged") continue;
      if (v.existingId) await updateService(trx, v.existingId, v.service, options.now);
      else await insertService(trx, structureId, v.service, { dataInclusionId: v.sourceId, now: options.now });
    }
    await recordAudit(trx, {
      at: options.now,
      actorUserId: options.actorUserId,
      action: "partners.imported",
      details: { created, updated, unchanged, services: p.services.length },
    });
    return { kind: "imported", check: p.check, created, updated, unchanged };
  });
}
