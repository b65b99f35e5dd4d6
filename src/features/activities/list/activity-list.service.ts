// Use cases of the report lists: which filter choices an actor gets, checking a request's filters
// against them, and the page itself. Ids outside the actor's scope are refused like unknown ones.
import type { Db } from "../../../db/schema.ts";
import type { FieldError } from "../../../web/errors.ts";
import { type ActivityActor, canSeeIdentity, managedStructureIds, ownAdvisorIds, type ReportScope } from "../activities.policy.ts";
import { type ActivityFilters, type FilterInput, parseFilters } from "./activity-filters.ts";
import { advisorChoices, countReports, identifiedPeople, type ListRow, listPage, placeChoices, structureChoices } from "./activity-list.repository.ts";

export const PAGE_SIZE = 25;

export interface Option {
  value: string;
  label: string;
}

/** null: the filter is not offered to this actor. */
export interface FilterChoices {
  places: Option[];
  advisors: Option[] | null;
  structures: Option[] | null;
  people: Option[] | null;
}

function advisorStructureIds(actor: ActivityActor): string[] {
  return ownAdvisorIds(actor).length > 0 ? [...new Set(actor.advisors.map((a) => a.structureId))] : [];
}

export async function loadChoices(db: Db, actor: ActivityActor, scope: ReportScope): Promise<FilterChoices> {
  if (scope.kind === "network") {
    const [places, advisors, structures] = await Promise.all([placeChoices(db, null), advisorChoices(db, null), structureChoices(db, null)]);
    return {
      places: places.map((p) => ({ value: p.id, label: p.name })),
      advisors: advisors.map((a) => ({ value: a.id, label: `${a.last_name} ${a.first_name}` })),
      structures: structures.map((s) => ({ value: s.id, label: s.name })),
      people: null,
    };
  }
  const managed = managedStructureIds(actor);
  const structureIds = [...new Set([...managed, ...advisorStructureIds(actor)])];
  const [places, advisors, structures, people] = await Promise.all([
    placeChoices(db, structureIds),
    managed.length > 0 ? advisorChoices(db, managed) : Promise.resolve(null),
    managed.length > 1 ? structureChoices(db, managed) : Promise.resolve(null),
    identifiedPeople(db, ownAdvisorIds(actor), structureIds),
  ]);
  const visible = people.filter((p) =>
    canSeeIdentity(actor, { advisorId: p.advisor_id, structureId: p.structure_id, sharedWithStructure: p.shared_with_structure }),
  );
  return {
    places: places.map((p) => ({ value: p.id, label: p.name })),
    advisors: advisors?.map((a) => ({ value: a.id, label: `${a.last_name} ${a.first_name}` })) ?? null,
    structures: structures?.map((s) => ({ value: s.id, label: s.name })) ?? null,
    people: visible.map((p) => ({ value: p.id, label: `${p.last_name ?? ""} ${p.first_name ?? ""}`.trim() })),
  };
}

/** Each id filter must be one of the offered choices: a guessed id gets the same answer as a typo. */
export function checkChoices(filters: ActivityFilters, choices: FilterChoices): FieldError[] {
  const errors: FieldError[] = [];
  const check = (value: string | null, options: Option[] | null, field: string, offered: string, notOffered: string) => {
    if (value === null) return;
    if (options === null) errors.push({ field, message: notOffered });
    else if (!options.some((o) => o.value === value)) errors.push({ field, message: offered });
  };
  check(filters.placeId, choices.places, "lieu", "Choisissez un lieu de la liste.", "Choisissez un lieu de la liste.");
  check(
    filters.beneficiaryId,
    choices.people,
    "beneficiaire",
    "Choisissez une personne de la liste : vous ne pouvez filtrer que sur les personnes que vous suivez.",
    "Le filtre par personne n'est pas proposé : ces comptes rendus sont anonymisés.",
  );
  check(filters.advisorId, choices.advisors, "conseiller", "Choisissez un conseiller ou une conseillère de la liste.", "Vous ne voyez que vos propres comptes rendus.");
  check(filters.structureId, choices.structures, "structure", "Choisissez une structure de la liste.", "Le filtre par structure n'est pas proposé pour votre compte.");
  return errors;
}

/** Reads and checks the filters of a request; with errors, nothing is filtered. */
export async function resolveFilters(db: Db, actor: ActivityActor, scope: ReportScope, input: FilterInput) {
  const choices = await loadChoices(db, actor, scope);
  const { filters, errors } = parseFilters(input);
  const refused = checkChoices(filters, choices);
  errors.push(...refused);
  /** A person id the actor may not use: a guess, or a leaked link. Routes log it. */
  const refusedPersonId = refused.some((e) => e.field === "beneficiaire") ? filters.beneficiaryId : null;
  return { filters, errors, choices, refusedPersonId };
}

export interface ListEntry {
  row: ListRow;
  /** The person's name when the actor may see it, else null (anonymous, erased or not allowed). */
  personName: string | null;
}

export async function loadListPage(db: Db, actor: ActivityActor, scope: ReportScope, filters: ActivityFilters, requestedPage: number) {
  const total = await countReports(db, scope, filters);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const rows = total === 0 ? [] : await listPage(db, scope, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const entries: ListEntry[] = rows.map((row) => ({ row, personName: personNameFor(actor, scope, row) }));
  return { total, page, pageCount, entries };
}

function personNameFor(actor: ActivityActor, scope: ReportScope, row: ListRow): string | null {
  if (scope.kind === "network" || row.person_first_name === null || row.person_advisor_id === null || row.person_structure_id === null) return null;
  const access = { advisorId: row.person_advisor_id, structureId: row.person_structure_id, sharedWithStructure: row.person_shared === true };
  return canSeeIdentity(actor, access) ? `${row.person_first_name} ${row.person_last_name ?? ""}`.trim() : null;
}
