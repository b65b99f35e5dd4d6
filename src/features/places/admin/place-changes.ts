// The history of a place: which columns changed, with their values before and after.

export type ColumnValue = unknown;
export type ChangeSet = Record<string, { before: ColumnValue; after: ColumnValue }>;

function same(a: ColumnValue | undefined, b: ColumnValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function isEmpty(value: ColumnValue | undefined): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/** Columns whose value differs, in the order of `after`; with no `before`, every column that has a value. */
export function diffColumns(before: object | null, after: object): ChangeSet {
  const old = before as Record<string, ColumnValue> | null;
  const changes: ChangeSet = {};
  for (const [column, value] of Object.entries(after)) {
    if (old === null) {
      if (!isEmpty(value)) changes[column] = { before: null, after: value };
    } else if (!same(old[column], value)) {
      changes[column] = { before: old[column] ?? null, after: value };
    }
  }
  return changes;
}

/** « Création du lieu », « Modification », … */
export const ACTION_LABELS: Record<string, string> = {
  create: "Création du lieu",
  update: "Modification du lieu",
  hide: "Lieu masqué au public",
  show: "Lieu rendu visible au public",
  permanence_create: "Ajout d'une permanence",
  permanence_update: "Modification d'une permanence",
  permanence_delete: "Suppression d'une permanence",
};
